import { and, eq, gte, isNotNull, lt } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  calendarDays,
  overrides,
  professionals,
  serviceMembers,
  services,
  shifts,
  territories,
  unavailabilities,
} from '../../db/schema/index.js';
import {
  hasChromium,
  openBrowserFixture,
  screens,
  type BrowserFixture,
} from './browser-fixture.js';

const now = new Date('2026-11-24T21:00:00Z');
const manager = 'coordination@cpts-auray.local';
let f: BrowserFixture;

/** The doctors' service and one of its December shifts held by someone. */
async function doctorsAndAHeldShift() {
  const db = f.s.db.db;
  const [doctor] = await db.select().from(services).where(eq(services.kind, 'doctor'));
  const [shift] = await db
    .select()
    .from(shifts)
    .where(
      and(
        eq(shifts.serviceId, doctor!.id),
        eq(shifts.status, 'active'),
        isNotNull(shifts.professionalId),
        gte(shifts.startsAt, new Date('2026-12-07T00:00:00Z')),
        lt(shifts.startsAt, new Date('2026-12-20T00:00:00Z')),
      ),
    )
    .limit(1);
  return { doctor: doctor!, shift: shift! };
}

describe.skipIf(!hasChromium)(
  'the planning pages in a browser',
  { timeout: 120_000, retry: 1 },
  () => {
    beforeAll(async () => {
      f = await openBrowserFixture(now);
    }, 60_000);
    afterAll(() => f?.close());
    afterEach(() => {
      expect(f.cspViolations.splice(0)).toEqual([]);
    });

    it('a manager adds a template row: a bad hour is refused on its row, then it is saved', async () => {
      const db = f.s.db.db;
      const [doctor] = await db.select().from(services).where(eq(services.kind, 'doctor'));
      const before = doctor!.template;
      const n = before.length + 1;
      const page = await f.login(manager, '/rota');
      await page.getByRole('link', { name: 'Modèle de garde' }).click();
      await page.waitForURL(/\/rota\/template/);
      await page.getByLabel(`Nom, ligne ${n}`).fill('visite-midi');
      await page.getByLabel(`mercredi, ligne ${n}`).check();
      await page.getByLabel(`Début, ligne ${n}`).fill('25:00');
      await page.getByLabel(`Fin, ligne ${n}`).fill('14:00');
      await page.getByRole('button', { name: 'Enregistrer le modèle' }).click();
      await expect
        .poll(() => page.getByTestId(`row-error-${n}`).textContent())
        .toContain(`Ligne ${n} (« visite-midi ») : début : heure HH:MM attendue`);
      expect(await page.getByRole('alert').textContent()).toContain("rien n'a été enregistré");
      const [unchanged] = await db.select().from(services).where(eq(services.id, doctor!.id));
      expect(unchanged!.template).toEqual(before);
      // What was typed is kept: only the hour needs fixing.
      expect(await page.getByLabel(`Nom, ligne ${n}`).inputValue()).toBe('visite-midi');
      expect(await page.getByLabel(`mercredi, ligne ${n}`).isChecked()).toBe(true);
      await page.getByLabel(`Début, ligne ${n}`).fill('12:00');
      await page.getByRole('button', { name: 'Enregistrer le modèle' }).click();
      await expect.poll(() => page.getByTestId('notice').textContent()).toBe('Modèle enregistré.');
      const [saved] = await db.select().from(services).where(eq(services.id, doctor!.id));
      expect(saved!.template.at(-1)).toEqual({
        name: 'visite-midi',
        days: ['wed'],
        start: '12:00',
        end: '14:00',
        levels: 1,
        kind: 'weeknight',
      });
      expect(await page.getByLabel(`Nom, ligne ${n}`).inputValue()).toBe('visite-midi');
      await page.screenshot({ path: `${screens}/template.png`, fullPage: true });
      await page.close();
    });

    it('a manager creates an override, then cancels it after confirming', async () => {
      const db = f.s.db.db;
      const { doctor, shift } = await doctorsAndAHeldShift();
      const [territory] = await db.select().from(territories);
      // A newcomer with no shift, so the override cannot collide with the random seeded rota
      // (made once: the test may run again on retry).
      const [existing] = await db
        .select()
        .from(professionals)
        .where(eq(professionals.icalToken, 'browser-override'));
      const stand =
        existing ??
        (
          await db
            .insert(professionals)
            .values({
              territoryId: territory!.id,
              name: 'Dr Remplaçante Kerlo',
              profession: 'médecin généraliste',
              mobile: '+33639980081',
              icalToken: 'browser-override',
            })
            .returning()
        )[0];
      if (!existing)
        await db.insert(serviceMembers).values({ serviceId: doctor.id, professionalId: stand!.id });
      const page = await f.login(manager, `/rota/overrides?service=${doctor.id}&month=2026-12`);
      await page.getByLabel('Garde', { exact: true }).selectOption(shift.id);
      await page.getByLabel('Remplaçant').selectOption(stand!.id);
      await page.getByRole('button', { name: 'Enregistrer le remplacement' }).click();
      await expect
        .poll(() => page.getByTestId('notice').textContent())
        .toBe('Remplacement enregistré.');
      const [created] = await db.select().from(overrides).where(eq(overrides.shiftId, shift.id));
      expect(created).toMatchObject({
        professionalId: stand!.id,
        startsAt: shift.startsAt,
        endsAt: shift.endsAt,
      });
      const row = page.locator(`tr[data-override="${created!.id}"]`);
      expect(await row.textContent()).toContain('Dr Remplaçante Kerlo');
      await page.screenshot({ path: `${screens}/overrides.png`, fullPage: true });

      await row.getByRole('link', { name: /Annuler le remplacement/ }).click();
      await page.waitForURL(/\/cancel$/);
      expect(await page.textContent('main')).toContain('Dr Remplaçante Kerlo');
      // Nothing is cancelled before the confirmation.
      expect(await db.select().from(overrides).where(eq(overrides.id, created!.id))).toHaveLength(
        1,
      );
      await page.getByRole('button', { name: "Confirmer l'annulation" }).click();
      await expect
        .poll(() => page.getByTestId('notice').textContent())
        .toBe('Remplacement annulé.');
      expect(await db.select().from(overrides).where(eq(overrides.id, created!.id))).toHaveLength(
        0,
      );
      await page.close();
    });

    it('leave over an assigned shift shows in red as a conflict on everybody’s leave', async () => {
      const db = f.s.db.db;
      const { shift } = await doctorsAndAHeldShift();
      const [holder] = await db
        .select()
        .from(professionals)
        .where(eq(professionals.id, shift.professionalId!));
      const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(
        shift.startsAt,
      );
      const page = await f.login(manager, '/rota');
      await page.getByRole('link', { name: 'Congés' }).click();
      await page.waitForURL(/\/rota\/leave/);
      await page.getByLabel('Professionnel').selectOption(holder!.id);
      await page.getByLabel('Du').fill(day);
      await page.getByLabel('Au (inclus)').fill(day);
      await page.getByLabel('Motif (facultatif)').fill('formation');
      await page.getByRole('button', { name: 'Ajouter le congé' }).click();
      await expect.poll(() => page.getByTestId('notice').textContent()).toContain('chevauche');
      const [leave] = await db
        .select()
        .from(unavailabilities)
        .where(eq(unavailabilities.professionalId, holder!.id));
      const row = page.locator(`tr[data-leave="${leave!.id}"]`);
      expect(await row.getAttribute('class')).toContain('leave-conflict');
      const conflict = row.getByTestId('conflict').first();
      expect(await conflict.textContent()).toContain('Conflit');
      expect(await conflict.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(180, 35, 24)');
      await page.screenshot({ path: `${screens}/leave.png`, fullPage: true });
      await page.close();
    });

    it('a manager confirms a proposed pont and refuses another; the page shows both decisions', async () => {
      const db = f.s.db.db;
      const page = await f.login(manager, '/rota');
      await page.getByRole('link', { name: 'Ponts' }).click();
      await page.waitForURL(/\/rota\/ponts/);
      await page.getByRole('link', { name: '2027 →' }).click();
      await page.waitForURL(/year=2027/);
      // Friday 7 May 2027 after Ascension, Saturday 13 November after the Armistice: proposals of 2027.
      const friday = '2027-05-07';
      expect(await page.getByTestId(`status-${friday}`).textContent()).toBe('Proposé');
      await page.getByRole('button', { name: /^Confirmer le pont du vendredi 7 mai 2027/ }).click();
      await expect.poll(() => page.getByTestId(`status-${friday}`).textContent()).toBe('Confirmé');
      const confirmed = await db.select().from(calendarDays).where(eq(calendarDays.day, friday));
      expect(confirmed).toMatchObject([{ kind: 'pont' }]);
      const saturday = '2027-11-13';
      await page
        .getByRole('button', { name: /^Refuser le pont du samedi 13 novembre 2027/ })
        .click();
      await expect.poll(() => page.getByTestId(`status-${saturday}`).textContent()).toBe('Refusé');
      await page.screenshot({ path: `${screens}/ponts.png`, fullPage: true });
      await page.close();
    });
  },
);
