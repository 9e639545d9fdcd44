import { and, eq, ne } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  callEvents,
  callRecords,
  professionals,
  serviceMembers,
  services,
  shifts,
  swapRequests,
  territories,
} from '../../db/schema/index.js';
import {
  hasChromium,
  openBrowserFixture,
  screens,
  type BrowserFixture,
} from './browser-fixture.js';

const now = new Date('2026-11-24T21:00:00Z');
let f: BrowserFixture;

// retry: a login that bounced back to /login was seen twice under full-suite load (issue 7's note); the
// fixture's login prints the page, cookies and session rows when it happens.
describe.skipIf(!hasChromium)(
  'swaps, calls and the directory in a browser',
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

    it('a manager approves a swap and opens a call’s detail', async () => {
      const [shift] = await f.s.db.db
        .select()
        .from(shifts)
        .where(and(eq(shifts.level, 1), ne(shifts.status, 'cancelled')))
        .limit(1);
      // A newcomer with no shift yet, so approving cannot collide with the random seeded rota.
      const [taker] = await f.s.db.db
        .insert(professionals)
        .values({
          territoryId: (await f.s.db.db.select().from(territories))[0]!.id,
          name: 'Dr Nouvelle Recrue',
          profession: 'médecin généraliste',
          mobile: '+33639980071',
          icalToken: 'browser-taker',
        })
        .returning();
      // Only an active member of the service can be given its shift.
      await f.s.db.db
        .insert(serviceMembers)
        .values({ serviceId: shift!.serviceId, professionalId: taker!.id });
      await f.s.db.db.insert(swapRequests).values({
        shiftId: shift!.id,
        offeredBy: shift!.professionalId!,
        takenBy: taker!.id,
        status: 'taken',
        code: '4821',
      });
      const [territory] = await f.s.db.db.select().from(territories);
      await f.s.db.db.insert(callRecords).values({
        callSid: 'CAbrowser0001',
        territoryId: territory!.id,
        fromNumber: '+33612345678',
        toNumber: '+33261910015',
        startedAt: now,
        outcome: 'connected',
        durationSeconds: 240,
      });
      await f.s.db.db.insert(callEvents).values([
        { callSid: 'CAbrowser0001', at: now, kind: 'visit', node: 'greeting' },
        { callSid: 'CAbrowser0001', at: now, kind: 'accepted', detail: { attempt: 0 } },
      ]);

      const page = await f.login('coordination@cpts-auray.local');
      await page.goto(`${f.s.url}/swaps`);
      await page.screenshot({ path: `${screens}/swaps.png`, fullPage: true });
      await page.getByRole('button', { name: 'Valider' }).click();
      await page.waitForURL(/\/swaps$/);
      const [after] = await f.s.db.db.select().from(shifts).where(eq(shifts.id, shift!.id));
      expect(after!.professionalId).toBe(taker!.id);

      await page.goto(`${f.s.url}/calls`);
      await page.screenshot({ path: `${screens}/calls.png`, fullPage: true });
      await page.getByRole('link', { name: 'Détail' }).first().click();
      await expect.poll(() => page.getByTestId('outcome').textContent()).toBe('mis en relation');
      expect(await page.textContent('main')).toContain('accepté par appui sur 1');
      await page.screenshot({ path: `${screens}/call-detail.png`, fullPage: true });
      await page.close();
    });

    it("a professional cannot open another professional's edit page", async () => {
      const page = await f.login('dr.le-goff@cpts-auray.local');
      const [other] = await f.s.db.db
        .select()
        .from(professionals)
        .where(ne(professionals.name, 'Dr Anne Le Goff'))
        .limit(1);
      const res = await page.goto(`${f.s.url}/professionals/${other!.id}/edit`);
      expect(res!.status()).toBe(403);
      expect(await page.textContent('h1')).toBe('Accès refusé');
      const [self] = await f.s.db.db
        .select()
        .from(professionals)
        .where(eq(professionals.name, 'Dr Anne Le Goff'));
      expect((await page.goto(`${f.s.url}/professionals/${self!.id}/edit`))!.status()).toBe(200);
      await page.screenshot({ path: `${screens}/own-profile.png`, fullPage: true });
      await page.close();
    });

    it('a manager adds a professional: an invalid mobile is refused with its reason, a valid one appears in the directory', async () => {
      const page = await f.login('coordination@cpts-auray.local', '/professionals');
      await page.getByRole('link', { name: 'Ajouter un professionnel' }).click();
      await page.getByLabel('Nom', { exact: true }).fill('Dr Gwenola Le Dantec');
      await page.getByLabel('Mobile').fill('06 12');
      await page.getByLabel('breton').check();
      await page.getByLabel('Médecin de garde (MMG)').check();
      await page.getByRole('button', { name: 'Ajouter' }).click();
      await expect
        .poll(() => page.getByRole('alert').textContent())
        .toContain("« 06 12 » n'est pas un numéro valide");
      expect(
        await f.s.db.db
          .select()
          .from(professionals)
          .where(eq(professionals.name, 'Dr Gwenola Le Dantec')),
      ).toHaveLength(0);
      // What was typed is kept: only the mobile needs fixing.
      expect(await page.getByLabel('Nom', { exact: true }).inputValue()).toBe(
        'Dr Gwenola Le Dantec',
      );
      await page.getByLabel('Mobile').fill('06 39 98 00 61');
      await page.getByRole('button', { name: 'Ajouter' }).click();
      await page.waitForURL(/\/professionals$/);
      const row = page.getByRole('row').filter({ hasText: 'Dr Gwenola Le Dantec' });
      await expect.poll(() => row.textContent()).toContain('Médecin de garde (MMG)');
      expect(await row.textContent()).toContain('fr, br');
      const [added] = await f.s.db.db
        .select()
        .from(professionals)
        .where(eq(professionals.name, 'Dr Gwenola Le Dantec'));
      expect(added!.mobile).toBe('+33639980061');
      await page.screenshot({ path: `${screens}/directory.png`, fullPage: true });
      await page.close();
    });

    it('a professional offers one of their shifts for swap from "Mes gardes"', async () => {
      const [anne] = await f.s.db.db
        .select()
        .from(professionals)
        .where(eq(professionals.name, 'Dr Anne Le Goff'));
      const [doctor] = await f.s.db.db.select().from(services).where(eq(services.kind, 'doctor'));
      // A shift of her own, at level 3 so that no seeded shift shares its row; within the page's 90 days.
      const [own] = await f.s.db.db
        .insert(shifts)
        .values({
          serviceId: doctor!.id,
          professionalId: anne!.id,
          level: 3,
          startsAt: new Date('2027-02-10T19:00:00Z'),
          endsAt: new Date('2027-02-11T07:00:00Z'),
        })
        .returning();
      const page = await f.login('dr.le-goff@cpts-auray.local', '/');
      await page.getByRole('link', { name: 'Mes gardes' }).first().click();
      await page.waitForURL(/\/me$/);
      expect(await page.getByTestId('ical-url').inputValue()).toContain(
        `/ical/professional/${anne!.icalToken}.ics`,
      );
      const row = page.locator(`tr[data-shift="${own!.id}"]`);
      expect(await row.textContent()).toContain('renfort 3');
      await row
        .getByRole('button', { name: /Proposer en échange la garde du mer\. 10 févr\., 20:00/ })
        .click();
      await page.waitForURL(/\/me\?done=offered$/);
      await expect.poll(() => page.getByTestId('notice').textContent()).toContain('Garde proposée');
      const [swap] = await f.s.db.db
        .select()
        .from(swapRequests)
        .where(eq(swapRequests.shiftId, own!.id));
      expect(swap).toMatchObject({ status: 'offered', offeredBy: anne!.id });
      expect(await row.textContent()).toContain(`code ${swap!.code}`);
      await page.screenshot({ path: `${screens}/my-shifts.png`, fullPage: true });
      await page.close();
    });

    it('the dashboard shows its charts, and their data tables open from the keyboard', async () => {
      const [territory] = await f.s.db.db.select().from(territories);
      await f.s.db.db.insert(callRecords).values([
        {
          callSid: 'CAbrowserdash1',
          territoryId: territory!.id,
          fromNumber: '+33612345679',
          toNumber: '+33261910015',
          startedAt: new Date('2026-11-22T21:00:00Z'),
          connectedAt: new Date('2026-11-22T21:00:25Z'),
          outcome: 'connected',
        },
        {
          callSid: 'CAbrowserdash2',
          territoryId: territory!.id,
          fromNumber: '+33612345680',
          toNumber: '+33261910015',
          startedAt: new Date('2026-11-23T01:00:00Z'),
          outcome: 'callback',
        },
      ]);
      const page = await f.login('coordination@cpts-auray.local', '/');
      const dashboard = page.getByTestId('dashboard');
      await expect
        .poll(() => dashboard.locator('svg[role="img"]').count())
        .toBeGreaterThanOrEqual(5);
      expect(await page.getByRole('img', { name: 'Appels par nuit' }).isVisible()).toBe(true);
      expect(await page.getByRole('img', { name: '4 prochaines semaines' }).isVisible()).toBe(true);
      const summary = page.getByText('Données : Appels par nuit');
      await summary.focus();
      await page.keyboard.press('Enter');
      const night = page.getByRole('row', { name: /2026-11-22/ }).first();
      await expect.poll(() => night.isVisible()).toBe(true);
      expect(await night.textContent()).toContain('2');
      await page.screenshot({ path: `${screens}/dashboard.png`, fullPage: true });
      await page.close();
    });
  },
);
