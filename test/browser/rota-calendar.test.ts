import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { serviceMembers, services, shifts } from '../../db/schema/index.js';
import {
  hasChromium,
  openBrowserFixture,
  screens,
  type BrowserFixture,
} from './browser-fixture.js';

const now = new Date('2026-11-24T21:00:00Z');
const red = 'rgb(180, 35, 24)';
let f: BrowserFixture;

const doctorService = async () =>
  (await f.s.db.db.select().from(services).where(eq(services.kind, 'doctor')))[0]!;
const shiftRow = async (id: string) =>
  (await f.s.db.db.select().from(shifts).where(eq(shifts.id, id)))[0]!;

/** Drags an event onto a day cell of the month grid with real pointer moves (FullCalendar needs several). */
async function dragToDay(page: Page, shiftId: string, date: string) {
  const source = page.locator(`[data-shift="${shiftId}"]`);
  const target = page.locator(`#rota-calendar [data-date="${date}"]`).first();
  // hover() waits until the event is visible and no longer moving (events re-render when the feed answers).
  await source.hover();
  await target.waitFor();
  const from = (await source.boundingBox())!;
  const to = (await target.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 10, from.y + from.height / 2 + 5, { steps: 5 });
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 15 });
  await page.mouse.up();
}

// retry: a login that bounced back to /login was seen twice under full-suite load (issue 7's note); the
// fixture's login prints the page, cookies and session rows when it happens.
describe.skipIf(!hasChromium)(
  'the rota calendar (FullCalendar) in a browser',
  { timeout: 120_000, retry: 1 },
  () => {
    beforeAll(async () => {
      f = await openBrowserFixture(now);
    }, 60_000);
    afterAll(() => f?.close());
    // Drag, calendar, forms: all of it works under the strict CSP, with nothing blocked.
    afterEach(() => {
      expect(f.cspViolations.splice(0)).toEqual([]);
    });

    it('a manager sees an open shift in red, assigns a professional through its edit page, and the gap is gone', async () => {
      const doctor = await doctorService();
      const [open] = await f.s.db.db
        .insert(shifts)
        .values({
          serviceId: doctor.id,
          professionalId: null,
          level: 3,
          startsAt: new Date('2026-11-26T19:00:00Z'),
          endsAt: new Date('2026-11-27T07:00:00Z'),
        })
        .returning();
      const page = await f.login('coordination@cpts-auray.local');
      const event = page.locator(`[data-shift="${open!.id}"]`);
      await expect.poll(() => event.count()).toBe(1);
      expect(await event.getAttribute('data-gap')).toBe('open-shift');
      expect(await event.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(red);
      // Public holidays are marked: 11 November is in this month.
      expect(await page.locator('#rota-calendar').textContent()).toContain('Armistice');
      await page.screenshot({ path: `${screens}/rota-month.png`, fullPage: true });

      // The event is a real link to its edit page, reachable by keyboard.
      await event.focus();
      await page.keyboard.press('Enter');
      await page.waitForURL(new RegExp(`/rota/shifts/${open!.id}/edit`));
      // The doctors already on duty that night are not offered.
      const onDuty = await f.s.db
        .sql`select p.name from shifts s join professionals p on p.id = s.professional_id
      where s.status = 'active' and s.starts_at < ${open!.endsAt.toISOString()}::timestamptz and s.ends_at > ${open!.startsAt.toISOString()}::timestamptz`;
      const offered = await page.getByLabel('Professionnel').locator('option').allTextContents();
      expect(onDuty.length).toBeGreaterThan(0);
      expect(offered.length).toBeGreaterThan(1);
      for (const { name } of onDuty) expect(offered).not.toContain(name);
      await page.screenshot({ path: `${screens}/shift-edit.png`, fullPage: true });
      await page.getByLabel('Professionnel').selectOption({ label: offered[1]! });
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await page.waitForURL(/\/rota\?service=.*date=2026-11-26/);
      await expect.poll(() => event.getAttribute('data-kind')).toBe('shift');
      expect(await event.getAttribute('data-gap')).toBeNull();
      expect(await event.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe(red);
      expect((await shiftRow(open!.id)).professionalId).not.toBeNull();
      await page.goto(`${f.s.url}/`);
      await page.screenshot({ path: `${screens}/on-duty.png`, fullPage: true });
      await page.close();
    });

    it('the edit page refuses a bad change with the reason, and keeps what was typed', async () => {
      const doctor = await doctorService();
      const [shift] = await f.s.db.db
        .insert(shifts)
        .values({
          serviceId: doctor.id,
          professionalId: null,
          level: 3,
          startsAt: new Date('2027-03-26T19:00:00Z'),
          endsAt: new Date('2027-03-27T07:00:00Z'),
        })
        .returning();
      const page = await f.login('coordination@cpts-auray.local', `/rota/shifts/${shift!.id}/edit`);
      await page.getByLabel('Date').fill('2027-03-28');
      await page.getByLabel('Début').fill('02:30');
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await page.waitForLoadState();
      expect(await page.getByRole('alert').textContent()).toMatch(
        /02:30 n'existe pas le 2027-03-28/,
      );
      expect(await page.getByLabel('Date').inputValue()).toBe('2027-03-28');
      expect((await shiftRow(shift!.id)).startsAt.toISOString()).toBe('2027-03-26T19:00:00.000Z');
      await page.close();
    });

    it('a manager adds a shift from the form, is told why a bad one is refused, sees the week, and accepts an auto-fill', async () => {
      const doctor = await doctorService();
      const page = await f.login('coordination@cpts-auray.local');
      await page.getByText('Ajouter une garde').click();
      await page.getByLabel('Date').fill('2027-03-28');
      await page.getByLabel('Début').fill('02:30');
      await page.getByRole('button', { name: 'Ajouter' }).click();
      await page.waitForURL(/\/rota\/shifts/);
      expect(await page.textContent('main')).toMatch(/02:30 n'existe pas le 2027-03-28/);

      await page.goto(`${f.s.url}/rota?service=${doctor.id}&month=2026-11&week=2026-11-25`);
      await expect
        .poll(() =>
          page.evaluate(
            () =>
              (window as unknown as { rotaCalendar?: { view: { type: string } } }).rotaCalendar
                ?.view.type,
          ),
        )
        .toBe('timeGridWeek');
      const days = await page
        .locator('#rota-calendar [data-date]')
        .evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-date')))].sort());
      expect(days).toEqual([
        '2026-11-23',
        '2026-11-24',
        '2026-11-25',
        '2026-11-26',
        '2026-11-27',
        '2026-11-28',
        '2026-11-29',
      ]);
      await expect.poll(() => page.locator('[data-kind="shift"]').count()).toBeGreaterThan(0);
      await page.screenshot({ path: `${screens}/rota-week.png`, fullPage: true });
      // On a phone the calendar opens as a list of the week.
      await page.setViewportSize({ width: 375, height: 800 });
      await page.reload();
      await expect
        .poll(() =>
          page.evaluate(
            () =>
              (window as unknown as { rotaCalendar?: { view: { type: string } } }).rotaCalendar
                ?.view.type,
          ),
        )
        .toBe('listWeek');
      await page.setViewportSize({ width: 1280, height: 900 });

      const before = (await f.s.db.db.select().from(shifts)).length;
      await page.goto(
        `${f.s.url}/rota/auto-fill?service=${doctor.id}&from=2027-04-01&to=2027-04-07`,
      );
      expect(await page.textContent('main')).toMatch(/garde\(s\) proposée\(s\), 0 sans candidat/);
      await page.screenshot({ path: `${screens}/auto-fill.png`, fullPage: true });
      await page.getByRole('button', { name: 'Accepter la proposition' }).click();
      await page.waitForURL(/\/rota\?service=/);
      expect((await f.s.db.db.select().from(shifts)).length).toBeGreaterThan(before + 10);
      await page.close();
    });

    it('dragging a shift to another day moves it; a drag onto an overlapping night is refused, reverted and explained', async () => {
      const doctor = await doctorService();
      const [member] = await f.s.db.db
        .select()
        .from(serviceMembers)
        .where(eq(serviceMembers.serviceId, doctor.id));
      // Nights of one doctor in March 2027, past the 90 days the demo seed fills.
      const at = (d: string, next: string) => ({
        serviceId: doctor.id,
        professionalId: member!.professionalId,
        level: 1,
        startsAt: new Date(`${d}T19:00:00Z`),
        endsAt: new Date(`${next}T07:00:00Z`),
      });
      // A retry starts from a clean March for that doctor.
      await f.s.db
        .sql`delete from shifts where professional_id = ${member!.professionalId} and starts_at >= '2027-03-01'`;
      const [moved, kept, refused] = await f.s.db.db
        .insert(shifts)
        .values([
          at('2027-03-10', '2027-03-11'),
          at('2027-03-15', '2027-03-16'),
          at('2027-03-17', '2027-03-18'),
        ])
        .returning();
      const page = await f.login(
        'coordination@cpts-auray.local',
        `/rota?service=${doctor.id}&date=2027-03-10`,
      );
      await expect.poll(() => page.locator(`[data-shift="${moved!.id}"]`).count()).toBe(1);

      await dragToDay(page, moved!.id, '2027-03-12');
      await expect
        .poll(async () => (await shiftRow(moved!.id)).startsAt.toISOString(), {
          message: 'the dragged shift moved',
        })
        .toBe('2027-03-12T19:00:00.000Z');
      expect((await shiftRow(moved!.id)).endsAt.toISOString()).toBe('2027-03-13T07:00:00.000Z');
      await expect.poll(() => page.locator('#rota-status').textContent()).toMatch(/enregistrée/);

      await expect.poll(() => page.locator(`[data-shift="${refused!.id}"]`).count()).toBe(1);
      await dragToDay(page, refused!.id, '2027-03-15');
      await expect
        .poll(() => page.locator('#rota-status').textContent())
        .toMatch(
          /Déplacement refusé : Ce professionnel est déjà de garde à ce moment : ce créneau chevauche la garde (du|de) .+ le lundi 15 mars 2027 de 20:00 à 08:00/,
        );
      expect(await page.locator('#rota-status').getAttribute('aria-live')).toBe('polite');
      // Reverted on the page and unchanged in the database.
      const start = await page.evaluate(
        (id) =>
          (
            window as unknown as {
              rotaCalendar: { getEventById(id: string): { startStr: string } };
            }
          ).rotaCalendar.getEventById(id).startStr,
        refused!.id,
      );
      expect(start).toBe('2027-03-17T20:00:00+01:00');
      expect((await shiftRow(refused!.id)).startsAt.toISOString()).toBe('2027-03-17T19:00:00.000Z');
      expect((await shiftRow(kept!.id)).startsAt.toISOString()).toBe('2027-03-15T19:00:00.000Z');
      await page.close();
    });
  },
);
