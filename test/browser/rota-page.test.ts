import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, gt, lt } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { professionals, serviceMembers, services, shifts } from '../../db/schema/index.js';
import {
  hasChromium,
  openBrowserFixture,
  screens,
  type BrowserFixture,
} from './browser-fixture.js';

// Issue 15, point 8 (and 4, 6): the rota page's toolbar, forms, highlights, N2 gaps and CSV.
const now = new Date('2026-11-24T21:00:00Z');
const red = 'rgb(180, 35, 24)';
let f: BrowserFixture;

const doctorService = async () =>
  (await f.s.db.db.select().from(services).where(eq(services.kind, 'doctor')))[0]!;
const shiftRow = async (id: string) =>
  (await f.s.db.db.select().from(shifts).where(eq(shifts.id, id)))[0]!;
const anne = async () =>
  (
    await f.s.db.db.select().from(professionals).where(eq(professionals.name, 'Dr Anne Le Goff'))
  )[0]!;
/** Frees a service's nights in a range: a retry (or the seed) starts from nothing there. */
const clear = (serviceId: string, from: string, to: string) =>
  f.s.db.db
    .delete(shifts)
    .where(
      and(
        eq(shifts.serviceId, serviceId),
        lt(shifts.startsAt, new Date(to)),
        gt(shifts.endsAt, new Date(from)),
      ),
    );
const calendarMonth = (page: Page) => page.locator('#rota-calendar').getAttribute('data-month');

describe.skipIf(!hasChromium)('the rota page in a browser', { timeout: 120_000, retry: 1 }, () => {
  beforeAll(async () => {
    f = await openBrowserFixture(now);
  }, 60_000);
  afterAll(() => f?.close());
  afterEach(() => {
    expect(f.cspViolations.splice(0)).toEqual([]);
  });

  it('after going to the next month, the toolbar and the address follow it, and the address opens it again', async () => {
    const page = await f.login('coordination@cpts-auray.local');
    await expect.poll(() => calendarMonth(page)).toBe('2026-11');
    await page
      .getByRole('button', { name: /suivant/i })
      .first()
      .click();
    await expect.poll(() => calendarMonth(page)).toBe('2026-12');
    expect(new URL(page.url()).searchParams.get('month')).toBe('2026-12');
    expect(await page.locator('#month').inputValue()).toBe('2026-12');
    const autoFill = page.getByRole('link', { name: 'Remplissage automatique…' });
    expect(await autoFill.getAttribute('href')).toMatch(/from=2026-12-01&to=2026-12-31$/);
    await page.screenshot({ path: `${screens}/rota-next-month.png`, fullPage: true });

    await autoFill.click();
    await page.waitForURL(/\/rota\/auto-fill/);
    expect(await page.getByLabel('Du').inputValue()).toBe('2026-12-01');
    expect(await page.getByLabel('Au').inputValue()).toBe('2026-12-31');

    await page.goto(`${f.s.url}/rota?month=2026-12`);
    await expect.poll(() => calendarMonth(page)).toBe('2026-12');
    await page.close();
  });

  it('a refused "Ajouter une garde" keeps what was typed and says why in French, in local time', async () => {
    const doctor = await doctorService();
    const [member] = await f.s.db.db
      .select()
      .from(serviceMembers)
      .where(eq(serviceMembers.serviceId, doctor.id));
    const [person] = await f.s.db.db
      .select()
      .from(professionals)
      .where(eq(professionals.id, member!.professionalId));
    await clear(doctor.id, '2027-02-25T12:00:00Z', '2027-02-26T12:00:00Z');
    // Thursday 25 February 2027, 20:00–08:00 in Paris.
    await f.s.db.db.insert(shifts).values({
      serviceId: doctor.id,
      professionalId: person!.id,
      level: 1,
      startsAt: new Date('2027-02-25T19:00:00Z'),
      endsAt: new Date('2027-02-26T07:00:00Z'),
    });
    const before = (await f.s.db.db.select().from(shifts)).length;
    const page = await f.login('coordination@cpts-auray.local', `/rota?month=2027-02`);
    await page.getByText('Ajouter une garde').click();
    await page.getByLabel('Date').fill('2027-02-25');
    await page.getByLabel('Début').fill('21:00');
    await page.getByLabel('Fin').fill('07:00');
    await page.getByLabel('Niveau').fill('2');
    await page.getByLabel('Professionnel').selectOption(person!.id);
    await page.getByRole('button', { name: 'Ajouter', exact: true }).click();
    await page.waitForLoadState();
    const alert = await page.getByRole('alert').textContent();
    expect(alert).toContain(
      `chevauche la garde ${person!.name.startsWith('Dr ') ? 'du' : 'de'} ${person!.name} le jeudi 25 février 2027 de 20:00 à 08:00`,
    );
    expect(alert).not.toMatch(/T\d\d:\d\d:\d\d|Overlapping/);
    expect(await page.getByLabel('Date').inputValue()).toBe('2027-02-25');
    expect(await page.getByLabel('Début').inputValue()).toBe('21:00');
    expect(await page.getByLabel('Fin').inputValue()).toBe('07:00');
    expect(await page.getByLabel('Niveau').inputValue()).toBe('2');
    expect(await page.getByLabel('Professionnel').inputValue()).toBe(person!.id);
    expect((await f.s.db.db.select().from(shifts)).length).toBe(before);
    await page.screenshot({ path: `${screens}/rota-add-refused.png`, fullPage: true });
    await page.close();
  });

  it('asks for confirmation before cancelling a shift', async () => {
    const doctor = await doctorService();
    await clear(doctor.id, '2027-03-20T12:00:00Z', '2027-03-21T12:00:00Z');
    const [shift] = await f.s.db.db
      .insert(shifts)
      .values({
        serviceId: doctor.id,
        professionalId: (await anne()).id,
        level: 1,
        startsAt: new Date('2027-03-20T19:00:00Z'),
        endsAt: new Date('2027-03-21T07:00:00Z'),
      })
      .returning();
    const page = await f.login('coordination@cpts-auray.local', `/rota/shifts/${shift!.id}/edit`);
    await page.getByRole('link', { name: 'Annuler la garde…' }).click();
    await page.waitForURL(new RegExp(`/rota/shifts/${shift!.id}/cancel$`));
    expect(await page.textContent('main')).toContain('Annuler cette garde ?');
    expect(await page.textContent('main')).toContain('le samedi 20 mars 2027 de 20:00 à 08:00');
    expect((await shiftRow(shift!.id)).status).toBe('active');
    await page.screenshot({ path: `${screens}/rota-cancel-confirm.png`, fullPage: true });
    // "Non": nothing changes.
    await page.getByRole('link', { name: 'Non, garder' }).click();
    await page.waitForURL(/\/edit$/);
    expect((await shiftRow(shift!.id)).status).toBe('active');
    await page.getByRole('link', { name: 'Annuler la garde…' }).click();
    await page.getByRole('button', { name: 'Oui, annuler la garde' }).click();
    await page.waitForURL(/\/rota\?service=/);
    expect((await shiftRow(shift!.id)).status).toBe('cancelled');
    await page.close();
  });

  it("highlights a professional's own shifts in the calendar and the list, with a legend", async () => {
    const me = await anne();
    const page = await f.login('dr.le-goff@cpts-auray.local');
    const mine = page.locator('#rota-calendar [data-mine="true"]');
    await expect.poll(() => mine.count()).toBeGreaterThan(0);
    const ids = await mine.evaluateAll((els) => els.map((e) => e.getAttribute('data-shift')));
    for (const id of ids) expect((await shiftRow(id!)).professionalId).toBe(me.id);
    const others = page.locator('#rota-calendar [data-kind="shift"]:not([data-mine])');
    expect(await others.count()).toBeGreaterThan(0);
    expect(await mine.first().evaluate((el) => getComputedStyle(el).outlineColor)).toBe(
      'rgb(245, 180, 0)',
    );
    expect(await others.first().evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('none');
    expect(await page.getByLabel('Légende').textContent()).toContain('Mes gardes');
    await page.screenshot({ path: `${screens}/rota-own-shifts.png`, fullPage: true });
    await page.goto(`${f.s.url}/rota?month=2026-12&view=list`);
    expect(await page.locator('tr.rota-mine').count()).toBeGreaterThan(0);
    await page.close();
  });

  it('shows a night with N1 and no N2 in red, as a level-2 gap', async () => {
    const doctor = await doctorService();
    await clear(doctor.id, '2027-03-03T12:00:00Z', '2027-03-04T12:00:00Z');
    await f.s.db.db.insert(shifts).values({
      serviceId: doctor.id,
      professionalId: (await anne()).id,
      level: 1,
      startsAt: new Date('2027-03-03T19:00:00Z'),
      endsAt: new Date('2027-03-04T07:00:00Z'),
    });
    const page = await f.login('coordination@cpts-auray.local', `/rota?month=2027-03`);
    const backup = page.locator('#rota-calendar [data-kind="gap"][data-missing="2"]');
    await expect.poll(() => backup.count()).toBeGreaterThan(0);
    expect(await backup.first().textContent()).toContain('N2 manquant');
    expect(await backup.first().evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(red);
    const feed = (await (
      await page.request.get(
        `${f.s.url}/rota/feed?service=${doctor.id}&start=2027-03-03T00:00:00%2B01:00&end=2027-03-05T00:00:00%2B01:00`,
      )
    ).json()) as { title: string; start: string; extendedProps: { missingLevels?: number[] } }[];
    expect(feed).toContainEqual(
      expect.objectContaining({
        title: 'Trou de garde · N2 manquant',
        start: '2027-03-03T20:00:00+01:00',
        extendedProps: expect.objectContaining({ missingLevels: [2] }),
      }),
    );
    await page.screenshot({ path: `${screens}/rota-n2-gap.png`, fullPage: true });
    await page.close();
  });

  it('previews a CSV import line by line, and writes only on "Confirmer l\'import"', async () => {
    const doctor = await doctorService();
    const me = await anne();
    await clear(doctor.id, '2027-03-08T12:00:00Z', '2027-03-11T12:00:00Z');
    const night = (day: string, next: string) => ({
      serviceId: doctor.id,
      professionalId: me.id,
      level: 1,
      startsAt: new Date(`${day}T19:00:00Z`),
      endsAt: new Date(`${next}T07:00:00Z`),
      // As the shift rules classify a Monday or Wednesday night: the same row imports unchanged.
      kind: 'weeknight' as const,
    });
    await f.s.db.db
      .insert(shifts)
      .values([night('2027-03-08', '2027-03-09'), night('2027-03-10', '2027-03-11')]);
    const header = 'service;date;debut;fin;professionnel;niveau';
    const line = (date: string, level: number) =>
      `${doctor.name};${date};20:00;08:00;${me.name};${level}`;
    const unchanged = line('08/03/2027', 1);
    const created = line('09/03/2027', 1);
    const refused = line('10/03/2027', 2); // she is already on duty that night
    const dir = mkdtempSync(join(tmpdir(), 'rota-csv-'));
    const bad = join(dir, 'gardes-refus.csv');
    const good = join(dir, 'gardes.csv');
    writeFileSync(bad, `\uFEFF${[header, unchanged, created, refused].join('\r\n')}\r\n`);
    writeFileSync(good, `\uFEFF${[header, unchanged, created].join('\r\n')}\r\n`);
    const count = async () => (await f.s.db.db.select().from(shifts)).length;
    const before = await count();

    const page = await f.login('coordination@cpts-auray.local', `/rota?month=2027-03`);
    await page.getByText('Import / export CSV').click();
    expect(
      await page.getByRole('link', { name: 'Exporter le mois en CSV' }).getAttribute('href'),
    ).toContain('month=2027-03');
    await page.getByLabel('Fichier CSV à importer').setInputFiles(bad);
    await page.getByRole('button', { name: 'Prévisualiser l’import' }).click();
    await page.waitForURL(/\/rota\/csv\/preview/);
    const outcome = (n: number) => page.locator(`tr[data-outcome]`).nth(n);
    expect(
      await page.locator('tr[data-outcome]').count(),
      (await page.textContent('main')) ?? '',
    ).toBe(3);
    expect(await outcome(0).getAttribute('data-outcome')).toBe('unchanged');
    expect(await outcome(0).textContent()).toContain('inchangée');
    expect(await outcome(1).getAttribute('data-outcome')).toBe('created');
    expect(await outcome(1).textContent()).toContain('créée');
    expect(await outcome(2).getAttribute('data-outcome')).toBe('refused');
    expect(await outcome(2).textContent()).toMatch(
      /refusée : .*chevauche la garde du Dr Anne Le Goff le mercredi 10 mars 2027 de 20:00 à 08:00/,
    );
    expect(await page.getByRole('alert').textContent()).toContain('rien ne sera importé');
    expect(await page.getByRole('button', { name: 'Confirmer l’import' }).count()).toBe(0);
    await page.screenshot({ path: `${screens}/rota-csv-preview-refused.png`, fullPage: true });
    expect(await count()).toBe(before);

    await page.goto(`${f.s.url}/rota?month=2027-03`);
    await page.getByText('Import / export CSV').click();
    await page.getByLabel('Fichier CSV à importer').setInputFiles(good);
    await page.getByRole('button', { name: 'Prévisualiser l’import' }).click();
    await page.waitForURL(/\/rota\/csv\/preview/);
    expect(await page.getByTestId('csv-counts').textContent()).toContain(
      '1 créée(s), 0 modifiée(s), 1 inchangée(s), 0 refusée(s)',
    );
    // The preview wrote nothing (its transaction was rolled back).
    expect(await count()).toBe(before);
    await page.screenshot({ path: `${screens}/rota-csv-preview.png`, fullPage: true });
    await page.getByRole('button', { name: 'Confirmer l’import' }).click();
    await page.waitForURL(/\/rota\/csv\/import/);
    expect(await page.textContent('main')).toContain('Import enregistré.');
    expect(await count()).toBe(before + 1);
    const [written] = await f.s.db.db
      .select()
      .from(shifts)
      .where(
        and(eq(shifts.serviceId, doctor.id), eq(shifts.startsAt, new Date('2027-03-09T19:00:00Z'))),
      );
    expect(written).toMatchObject({ professionalId: me.id, level: 1 });
    await page.close();
  });
});
