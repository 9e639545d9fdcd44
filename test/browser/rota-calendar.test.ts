import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { services, shifts } from '../../db/schema/index.js';
import { hasChromium, openBrowserFixture, screens, type BrowserFixture } from './browser-fixture.js';

const now = new Date('2026-11-24T21:00:00Z');
let f: BrowserFixture;

// retry: a login that bounced back to /login was seen twice under full-suite load (issue 7's note); the
// fixture's login prints the page, cookies and session rows when it happens.
describe.skipIf(!hasChromium)('the rota calendar in a browser', { timeout: 120_000, retry: 1 }, () => {
  beforeAll(async () => {
    f = await openBrowserFixture(now);
  }, 60_000);
  afterAll(() => f?.close());

  it('a manager sees a gap in red, assigns a professional, and the gap is gone', async () => {
    const [doctor] = await f.s.db.db.select().from(services).where(eq(services.kind, 'doctor'));
    const [open] = await f.s.db.db.insert(shifts).values({ serviceId: doctor!.id, professionalId: null, level: 3, startsAt: new Date('2026-11-26T19:00:00Z'), endsAt: new Date('2026-11-27T07:00:00Z') }).returning();
    const page = await f.login('coordination@cpts-auray.local');
    const gap = page.locator(`[data-shift="${open!.id}"]`);
    await expect.poll(() => gap.count()).toBe(1);
    expect(await gap.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(180, 35, 24)');
    // The doctors already on duty that night are not offered.
    const onDuty = await f.s.db.sql`select p.name from shifts s join professionals p on p.id = s.professional_id
      where s.service_id = ${doctor!.id} and s.starts_at < ${open!.endsAt.toISOString()}::timestamptz and s.ends_at > ${open!.startsAt.toISOString()}::timestamptz`;
    const offered = await gap.locator('option').allTextContents();
    expect(onDuty.length).toBeGreaterThan(0);
    for (const { name } of onDuty) expect(offered).not.toContain(name);
    await page.screenshot({ path: `${screens}/rota-month.png`, fullPage: true });
    await gap.getByRole('button', { name: 'Affecter' }).click();
    await page.waitForURL(/\/rota\?service=/).catch(async () => {
      throw new Error(`assigning did not come back to the rota: ${page.url()} ${await page.textContent('main')}`);
    });
    await expect.poll(() => page.locator(`[data-shift="${open!.id}"]`).count()).toBe(0);
    const [assigned] = await f.s.db.db.select().from(shifts).where(eq(shifts.id, open!.id));
    expect(assigned!.professionalId).not.toBeNull();
    await page.goto(`${f.s.url}/`);
    await page.screenshot({ path: `${screens}/on-duty.png`, fullPage: true });
    await page.close();
  });

  it('a manager adds a shift from the form, is told why a bad one is refused, sees the week, and accepts an auto-fill', async () => {
    const [doctor] = await f.s.db.db.select().from(services).where(eq(services.kind, 'doctor'));
    const page = await f.login('coordination@cpts-auray.local');
    await page.getByText('Ajouter une garde').click();
    await page.getByLabel('Date').fill('2027-03-28');
    await page.getByLabel('Début').fill('02:30');
    await page.getByRole('button', { name: 'Ajouter' }).click();
    await page.waitForURL(/\/rota\/shifts/);
    expect(await page.textContent('main')).toMatch(/02:30 n'existe pas le 2027-03-28/);

    await page.goto(`${f.s.url}/rota?service=${doctor!.id}&month=2026-11&week=2026-11-25`);
    expect(await page.locator('tbody tr').count()).toBe(1);
    await page.screenshot({ path: `${screens}/rota-week.png`, fullPage: true });

    const before = (await f.s.db.db.select().from(shifts)).length;
    await page.goto(`${f.s.url}/rota/auto-fill?service=${doctor!.id}&from=2027-04-01&to=2027-04-07`);
    expect(await page.textContent('main')).toMatch(/garde\(s\) proposée\(s\), 0 sans candidat/);
    await page.screenshot({ path: `${screens}/auto-fill.png`, fullPage: true });
    await page.getByRole('button', { name: 'Accepter la proposition' }).click();
    await page.waitForURL(/\/rota\?service=/);
    expect((await f.s.db.db.select().from(shifts)).length).toBeGreaterThan(before + 10);
    await page.close();
  });

});
