import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  hasChromium,
  openBrowserFixture,
  screens,
  type BrowserFixture,
} from './browser-fixture.js';

// Issue 15, point 7: the Tableau de garde page, its PDF, and the printable month of the rota.
const now = new Date('2026-11-24T21:00:00Z');
let f: BrowserFixture;

describe.skipIf(!hasChromium)(
  'the tableau de garde and the printable month in a browser',
  { timeout: 120_000, retry: 1 },
  () => {
    beforeAll(async () => {
      f = await openBrowserFixture(now);
    }, 60_000);
    afterAll(() => f?.close());
    afterEach(() => {
      expect(f.cspViolations.splice(0)).toEqual([]);
    });

    it('a manager adds a quarter, is warned, marks it sent and downloads its PDF', async () => {
      const page = await f.login('coordination@cpts-auray.local', '/');
      // In the navigation's « Plus »: the managers' less daily pages.
      await page.locator('nav summary', { hasText: 'Plus' }).click();
      await page.getByRole('link', { name: 'Tableau de garde' }).click();
      await page.waitForURL('**/tableau');
      // Open at first (no period yet): a click on its summary would close it.
      if (!(await page.getByLabel('Du').isVisible()))
        await page.getByText('Nouvelle période').click();
      // The demo rota runs 90 days from now: December to February is on it.
      await page
        .getByLabel('Secteur')
        .selectOption({ label: "Pays d'Auray · Médecin de garde (MMG)" });
      await page.getByLabel('Du').fill('2026-12-01');
      await page.getByLabel('Au').fill('2027-02-28');
      await page.getByRole('button', { name: 'Ajouter' }).click();
      await page.waitForURL('**/tableau');
      const warning = page.getByRole('alert');
      await expect(warning.textContent()).resolves.toContain('commence dans 7 jours');
      await page.screenshot({ path: join(screens, 'tableau-warning.png'), fullPage: true });

      const pdfLink = page.getByRole('link', { name: 'PDF' }).first();
      const href = await pdfLink.getAttribute('href');
      const pdf = await page.request.get(new URL(href!, page.url()).toString());
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()['content-type']).toBe('application/pdf');
      const file = join(screens, 'tableau.pdf');
      writeFileSync(file, await pdf.body());
      const text = execFileSync('/usr/bin/pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      expect(text).toContain('Période du 01/12/2026 au 28/02/2027');
      expect(text).toContain('Dr ');
      execFileSync('/usr/bin/pdftoppm', [
        '-png',
        '-r',
        '60',
        '-f',
        '1',
        '-l',
        '1',
        '-singlefile',
        file,
        join(screens, 'tableau-pdf'),
      ]);

      await page.getByRole('button', { name: 'Marquer envoyé' }).click();
      await page.waitForURL('**/tableau');
      await expect(page.getByRole('alert').count()).resolves.toBe(0);
      await expect(page.locator('main').textContent()).resolves.toContain('Envoyé le 24/11/2026');
      await page.screenshot({ path: join(screens, 'tableau.png'), fullPage: true });
    });

    it('the rota links to a printable month: one page per week, no navigation', async () => {
      const page = await f.login('coordination@cpts-auray.local', '/rota?month=2026-12');
      await page.getByRole('link', { name: 'Imprimer le mois' }).click();
      await page.waitForURL('**/rota/imprimer?**');
      expect(new URL(page.url()).searchParams.get('mois')).toBe('2026-12');
      await expect(page.locator('nav').count()).resolves.toBe(0);
      // December 2026: Tuesday 1 to Thursday 31, five weeks from Monday to Sunday.
      await expect(page.locator('section.print-week').count()).resolves.toBe(5);
      await expect(page.locator('main').textContent()).resolves.toMatch(/Dr [A-ZÉ]\S+ [A-ZÉ]/);
      await page.emulateMedia({ media: 'print' });
      await page.screenshot({ path: join(screens, 'month-print.png'), fullPage: true });
      await expect(page.getByText('Retour au planning').isVisible()).resolves.toBe(false);
      // Chromium's own print: as many pages as weeks.
      const printed = join(screens, 'month-print.pdf');
      await page.pdf({ path: printed, preferCSSPageSize: true });
      const info = execFileSync('/usr/bin/pdfinfo', [printed], { encoding: 'utf8' });
      expect(/Pages:\s+(\d+)/.exec(info)?.[1]).toBe('5');
    });
  },
);
