import { existsSync, mkdirSync } from 'node:fs';
import { and, eq, ne } from 'drizzle-orm';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../db/seed/seed-demo.js';
import { callEvents, callRecords, professionals, services, shifts, swapRequests, territories } from '../../db/schema/index.js';
import { startLiveService, type LiveService } from '../support/live.js';

/** Real headless Chromium (Debian's package, driven by playwright-core) against the real app. */
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const screens = 'test-results/screens';
const now = new Date('2026-11-24T21:00:00Z');
let s: LiveService;
let browser: Browser;

// retry: a login that bounces back to /login was seen twice under full-suite load (see the note on issue 7).
describe.skipIf(!existsSync(chromiumPath))('the web app in a browser', { timeout: 120_000, retry: 1 }, () => {
  beforeAll(async () => {
    mkdirSync(screens, { recursive: true });
    s = await startLiveService({ now });
    await seedDemo(s.db.db, now);
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await s?.close();
  });

  async function login(email: string): Promise<Page> {
    // A context of its own: sessions of earlier logins must not leak into this one.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    await page.goto(`${s.url}/rota`);
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe').fill('garde-auray-2026');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL((url) => url.pathname !== '/login').catch(() => {});
    if (!/\/rota/.test(page.url())) {
      const sessions = await s.db.sql`select sid, sess::text as sess from session`;
      throw new Error(`login failed at ${page.url()}: ${await page.textContent('main')}; cookies ${JSON.stringify(await page.context().cookies())}; sessions ${JSON.stringify(sessions)}`);
    }
    return page;
  }

  it('a manager sees a gap in red, assigns a professional, and the gap is gone', async () => {
    const [doctor] = await s.db.db.select().from(services).where(eq(services.kind, 'doctor'));
    const [open] = await s.db.db.insert(shifts).values({ serviceId: doctor!.id, professionalId: null, level: 3, startsAt: new Date('2026-11-26T19:00:00Z'), endsAt: new Date('2026-11-27T07:00:00Z') }).returning();
    const page = await login('coordination@cpts-auray.local');
    const gap = page.locator(`[data-shift="${open!.id}"]`);
    await expect.poll(() => gap.count()).toBe(1);
    expect(await gap.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(180, 35, 24)');
    // The doctors already on duty that night are not offered.
    const onDuty = await s.db.sql`select p.name from shifts s join professionals p on p.id = s.professional_id
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
    const [assigned] = await s.db.db.select().from(shifts).where(eq(shifts.id, open!.id));
    expect(assigned!.professionalId).not.toBeNull();
    await page.goto(`${s.url}/`);
    await page.screenshot({ path: `${screens}/on-duty.png`, fullPage: true });
    await page.close();
  });

  it('a manager approves a swap and opens a call’s detail', async () => {
    const [shift] = await s.db.db.select().from(shifts).where(and(eq(shifts.level, 1), ne(shifts.status, 'cancelled'))).limit(1);
    // A newcomer with no shift yet, so approving cannot collide with the random seeded rota.
    const [taker] = await s.db.db.insert(professionals).values({ territoryId: (await s.db.db.select().from(territories))[0]!.id, name: 'Dr Nouvelle Recrue', profession: 'médecin généraliste', mobile: '+33639980071', icalToken: 'browser-taker' }).returning();
    await s.db.db.insert(swapRequests).values({ shiftId: shift!.id, offeredBy: shift!.professionalId!, takenBy: taker!.id, status: 'taken', code: '4821' });
    const [territory] = await s.db.db.select().from(territories);
    await s.db.db.insert(callRecords).values({ callSid: 'CAbrowser0001', territoryId: territory!.id, fromNumber: '+33612345678', toNumber: '+33261910015', startedAt: now, outcome: 'connected', durationSeconds: 240 });
    await s.db.db.insert(callEvents).values([{ callSid: 'CAbrowser0001', at: now, kind: 'visit', node: 'greeting' }, { callSid: 'CAbrowser0001', at: now, kind: 'accepted', detail: { attempt: 0 } }]);

    const page = await login('coordination@cpts-auray.local');
    await page.goto(`${s.url}/swaps`);
    await page.screenshot({ path: `${screens}/swaps.png`, fullPage: true });
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.waitForURL(/\/swaps$/);
    const [after] = await s.db.db.select().from(shifts).where(eq(shifts.id, shift!.id));
    expect(after!.professionalId).toBe(taker!.id);

    await page.goto(`${s.url}/calls`);
    await page.screenshot({ path: `${screens}/calls.png`, fullPage: true });
    await page.getByRole('link', { name: 'Détail' }).first().click();
    await expect.poll(() => page.getByTestId('outcome').textContent()).toBe('mis en relation');
    expect(await page.textContent('main')).toContain('accepté par appui sur 1');
    await page.screenshot({ path: `${screens}/call-detail.png`, fullPage: true });
    await page.close();
  });

  it('a manager adds a shift from the form, is told why a bad one is refused, sees the week, and accepts an auto-fill', async () => {
    const [doctor] = await s.db.db.select().from(services).where(eq(services.kind, 'doctor'));
    const page = await login('coordination@cpts-auray.local');
    await page.getByText('Ajouter une garde').click();
    await page.getByLabel('Date').fill('2027-03-28');
    await page.getByLabel('Début').fill('02:30');
    await page.getByRole('button', { name: 'Ajouter' }).click();
    await page.waitForURL(/\/rota\/shifts/);
    expect(await page.textContent('main')).toMatch(/02:30 n'existe pas le 2027-03-28/);

    await page.goto(`${s.url}/rota?service=${doctor!.id}&month=2026-11&week=2026-11-25`);
    expect(await page.locator('tbody tr').count()).toBe(1);
    await page.screenshot({ path: `${screens}/rota-week.png`, fullPage: true });

    const before = (await s.db.db.select().from(shifts)).length;
    await page.goto(`${s.url}/rota/auto-fill?service=${doctor!.id}&from=2027-04-01&to=2027-04-07`);
    expect(await page.textContent('main')).toMatch(/garde\(s\) proposée\(s\), 0 sans candidat/);
    await page.screenshot({ path: `${screens}/auto-fill.png`, fullPage: true });
    await page.getByRole('button', { name: 'Accepter la proposition' }).click();
    await page.waitForURL(/\/rota\?service=/);
    expect((await s.db.db.select().from(shifts)).length).toBeGreaterThan(before + 10);
    await page.close();
  });

  it("a professional cannot open another professional's edit page", async () => {
    const page = await login('dr.le-goff@cpts-auray.local');
    const [other] = await s.db.db.select().from(professionals).where(ne(professionals.name, 'Dr Anne Le Goff')).limit(1);
    const res = await page.goto(`${s.url}/professionals/${other!.id}/edit`);
    expect(res!.status()).toBe(403);
    expect(await page.textContent('h1')).toBe('Accès refusé');
    const [self] = await s.db.db.select().from(professionals).where(eq(professionals.name, 'Dr Anne Le Goff'));
    expect((await page.goto(`${s.url}/professionals/${self!.id}/edit`))!.status()).toBe(200);
    await page.screenshot({ path: `${screens}/own-profile.png`, fullPage: true });
    await page.close();
  });
});
