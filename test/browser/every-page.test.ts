import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declaredRoutes } from '../support/routes.js';
import { seedEveryPageWorld, type EveryPageWorld, type Role } from './every-page-world.js';
import {
  hasChromium,
  openBrowserFixture,
  screens,
  type BrowserFixture,
} from './browser-fixture.js';

/**
 * Phone first and accessible (issue 16): every GET page the app declares, as each role and
 * logged out, at 1280 px and 390 px. No page may scroll sideways (a wide table scrolls in its own
 * box, the page does not), and axe-core finds no serious or critical violation on the app's own
 * markup. The list comes from the app's router (test/support/routes.ts), so a page added anywhere
 * is checked here too; a route with a parameter needs a sample below, or the test says so.
 */
const now = new Date('2026-11-24T21:00:00Z');
const widths = [1280, 390];

/** GET routes that are not pages a person reads, and why. */
const notPages: [RegExp, string][] = [
  [/^\/api\//, 'JSON API'],
  [/^\/ical\//, 'calendar feeds (text/calendar)'],
  [/^\/assets\//, 'static files'],
  [/^\/(healthz|readyz|metrics)$/, 'probes'],
  [/^\/twilio\//, 'Twilio webhooks (TwiML)'],
  [/^\/rota\/feed$/, "the calendar's JSON feed"],
  [/\.(pdf|csv)$/, 'downloads (the tableau de garde, the rota export)'],
  [/^\/admin\/queues/, "bull-board's own UI (third-party markup, checked by csp.test.ts)"],
];

/**
 * axe-core findings on markup that is not ours: FullCalendar draws the calendar grid itself.
 * Each entry: the rule, a piece of the offending element's selector, and why it is left.
 */
const excluded: { rule: string; within: string; why: string }[] = [
  {
    rule: 'color-contrast',
    within: '#rota-calendar',
    why: "FullCalendar's classic theme greys the day numbers of the neighbouring months",
  },
  {
    rule: 'empty-table-header',
    within: '#rota-calendar',
    why: "FullCalendar's week columns are named by an aria-label (the full date); axe-core wants visible text",
  },
  {
    rule: 'label-content-name-mismatch',
    within: '#rota-calendar',
    why: 'FullCalendar labels each day cell with the full date ("26 novembre 2026") while it shows "26"',
  },
];

/** What a visitor sees logged out (every other page sends them to the login form). */
const publicPages = ['/login', '/invitation'];

/** Query variants of a page worth a look of their own (the manager's rota in its three views). */
const variants: Record<string, string[]> = {
  '/rota': ['', '?view=week', '?view=list'],
  '/rota/auto-fill': ['?service=:service&from=2026-12-01&to=2026-12-31'],
  '/calls': ['', '?from=2026-11-01&to=2026-11-30'],
};

const logins: Record<Exclude<Role, 'public'>, string> = {
  admin: 'admin@gardeline.local',
  manager: 'coordination@cpts-auray.local',
  professional: 'dr.le-goff@cpts-auray.local',
};

let f: BrowserFixture;
let axeSource: string;
let samples: EveryPageWorld['samples'];
const axeUrl = '/__test__/axe.min.js';

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
}

/** The concrete URLs of every page; a parameter without a sample is reported, not skipped. */
function pageUrls(role: Role, missing: string[]): string[] {
  const urls: string[] = [];
  const paths = new Set(
    declaredRoutes(f.s.app)
      .filter((r) => r.method === 'get' && typeof r.path === 'string')
      .map((r) => r.path as string),
  );
  for (const path of paths) {
    if (notPages.some(([re]) => re.test(path)) || publicPages.includes(path)) continue;
    let base = path;
    if (path.includes(':')) {
      const sample = samples[path];
      if (!sample) {
        missing.push(`GET ${path}: add a sample URL to every-page.test.ts`);
        continue;
      }
      base = sample(role);
    }
    for (const v of (role === 'manager' && variants[path]) || [''])
      urls.push(base + v.replace(':service', samples[':service']!(role)));
  }
  // EVERY_PAGE_ONLY=<regex> narrows the walk while fixing one page.
  const only = process.env.EVERY_PAGE_ONLY;
  return only ? urls.filter((u) => new RegExp(only).test(u)) : urls;
}

async function contextFor(role: Role): Promise<{ context: BrowserContext; page: Page }> {
  let page: Page;
  if (role === 'public') {
    const context = await f.browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
  } else page = await f.login(logins[role], '/');
  const context = page.context();
  // axe-core from the same origin, so the strict CSP (scripts from 'self' only) lets it run.
  await context.route(`${f.s.url}${axeUrl}`, (route) =>
    route.fulfill({ body: axeSource, contentType: 'text/javascript' }),
  );
  return { context, page };
}

/** Empty table headers are only "minor" to axe-core, but a screen reader reads them out as blank. */
const alwaysReported = new Set(['empty-table-header']);

/** axe-core's serious and critical findings on the page, less the excluded ones of FullCalendar. */
async function axeFindings(page: Page) {
  await page.addScriptTag({ url: `${f.s.url}${axeUrl}` });
  const result = (await page.evaluate(() =>
    (window as unknown as { axe: { run(): Promise<unknown> } }).axe.run(),
  )) as AxeResult;
  const findings: { id: string; help: string; targets: string[] }[] = [];
  for (const v of result.violations) {
    if (v.impact !== 'serious' && v.impact !== 'critical' && !alwaysReported.has(v.id)) continue;
    const targets: string[] = [];
    for (const n of v.nodes) {
      const within = excluded.filter((e) => e.rule === v.id).map((e) => e.within);
      const skip = await page.evaluate(
        ([selector, list]) => {
          const el = document.querySelector(selector!);
          return list!.some((w) => el?.closest(w));
        },
        [n.target[0]!, within] as const,
      );
      if (!skip) targets.push(n.target.join(' '));
    }
    if (targets.length) findings.push({ id: v.id, help: v.help, targets });
  }
  return findings;
}

/** The outermost elements that stick out on the right: where to look when a page is too wide. */
const widest = (page: Page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out = Array.from(document.querySelectorAll('body *')).filter(
      (e) =>
        e.getBoundingClientRect().right > width + 1 &&
        !e.parentElement!.closest('.table-scroll, figure.chart'),
    );
    return out
      .slice(0, 8)
      .map(
        (e) =>
          `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.className ? '.' + String(e.className).split(' ').join('.') : ''} (${Math.round(e.getBoundingClientRect().right)}px)`,
      )
      .join(', ');
  });

/** Visits each page at each width; returns what failed, one line per finding. */
async function checkPages(role: Role, urls: string[]): Promise<string[]> {
  const problems: string[] = [];
  const { context, page } = await contextFor(role);
  for (const url of urls) {
    for (const width of widths) {
      await page.setViewportSize({ width, height: 900 });
      const t0 = Date.now();
      const res = await page.goto(`${f.s.url}${url}`);
      // The calendar draws after its feed answers: wait for its first event.
      if (await page.locator('#rota-calendar').count())
        await page.locator('#rota-calendar [data-kind]').first().waitFor();
      if (!/text\/html/.test(res?.headers()['content-type'] ?? '')) break;
      const where = `${role} ${url} @${width}px`;
      if (res!.status() >= 500) problems.push(`${where}: HTTP ${res!.status()}`);
      const { scroll, client } = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        client: document.documentElement.clientWidth,
      }));
      if (scroll > client)
        problems.push(`${where}: ${scroll}px wide for ${client}px, by ${await widest(page)}`);
      for (const v of await axeFindings(page))
        problems.push(`${where}: ${v.id} (${v.help}) on ${v.targets.join(', ')}`);
      if (process.env.TIMINGS) console.log(where, Date.now() - t0, 'ms');
      if (width < 400 && phoneShots.has(`${role} ${url}`)) {
        const name = url
          .replace(/\?.*$/, '')
          .replace(/[^a-z0-9]+/gi, '-')
          .replace(/^-|-$/g, '');
        await page.screenshot({
          path: `${screens}/phone-${role}-${name || 'home'}${url.includes('view=list') ? '-list' : ''}.png`,
          fullPage: true,
        });
      }
    }
  }
  await context.close();
  return problems;
}

const phoneShots = new Set([
  'manager /professionals',
  'manager /callbacks',
  'manager /calls',
  'manager /',
  'manager /rota?view=list',
  'manager /rota',
  'professional /me',
  'public /login',
]);

describe.skipIf(!hasChromium)(
  'every page, phone first and accessible',
  { timeout: 600_000 },
  () => {
    beforeAll(async () => {
      f = await openBrowserFixture(now);
      axeSource = readFileSync(
        createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
        'utf8',
      );
      const world = await seedEveryPageWorld(f.s.db.db, now);
      samples = world.samples;
      publicPages.push(world.invitationUrl);
    }, 60_000);
    afterAll(() => f?.close());

    it.each(['manager', 'admin', 'professional', 'public'] as const)(
      'as %s: no page scrolls sideways at 1280 or 390 px, and axe-core finds nothing serious',
      async (role) => {
        const missing: string[] = [];
        const urls = pageUrls(role, missing);
        expect(missing).toEqual([]);
        if (!process.env.EVERY_PAGE_ONLY) expect(urls.length).toBeGreaterThan(10);
        const problems = await checkPages(role, role === 'public' ? publicPages : urls);
        expect(problems).toEqual([]);
        expect(f.cspViolations.splice(0)).toEqual([]);
      },
    );

    it('the skip link shows when the keyboard reaches it, and takes focus to the content', async () => {
      const page = await f.login(logins.manager, '/professionals');
      await page.setViewportSize({ width: 390, height: 800 });
      await page.keyboard.press('Tab');
      const skip = page.getByRole('link', { name: 'Aller au contenu' });
      expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
      const box = (await skip.boundingBox())!;
      // On screen, whole, and not a 1-pixel speck.
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.height).toBeGreaterThan(20);
      await page.screenshot({ path: `${screens}/phone-skip-link.png` });
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
      await page.context().close();
    });

    it('a refused mobile number is marked invalid and described by the reason', async () => {
      const page = await f.login(logins.manager, '/professionals/new');
      await page.getByLabel('Nom', { exact: true }).fill('Dr Test Refus');
      await page.getByLabel('Mobile').fill('12345');
      await page.getByRole('button', { name: 'Ajouter' }).click();
      const mobile = page.getByLabel('Mobile');
      await expect.poll(() => mobile.getAttribute('aria-invalid')).toBe('true');
      expect((await mobile.getAttribute('aria-describedby'))!.split(' ')).toEqual([
        'form-error',
        'mobile-hint',
      ]);
      expect(await page.getByLabel('Nom', { exact: true }).getAttribute('aria-invalid')).toBeNull();
      // The reason is what a screen reader reads with the field.
      expect(await page.locator('#form-error').textContent()).toMatch(/mobile|numéro/i);
      await page.context().close();
    });

    it('in the month view, adding a shift is a few Tab presses away, and has a shortcut', async () => {
      const page = await f.login(logins.manager, '/rota');
      await page.locator('#rota-calendar [data-kind]').first().waitFor();
      let presses = 0;
      let name = '';
      while (presses < 40 && name !== 'Nouvelle garde') {
        await page.keyboard.press('Tab');
        presses += 1;
        name = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
      }
      expect(name).toBe('Nouvelle garde');
      expect(presses).toBeLessThanOrEqual(20);
      const link = page.getByRole('link', { name: 'Nouvelle garde' });
      expect(await link.getAttribute('accesskey')).toBe('n');
      await page.keyboard.press('Enter');
      await page.waitForURL(/add=.*#ajouter$/);
      // The form is open, its first field one Tab away.
      expect(await page.locator('details#ajouter').getAttribute('open')).not.toBeNull();
      // Its summary, then its first field.
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('n-date');
      await page.context().close();
    });

    it("a phone's calendar list shows each night once, with its hours and the whole name", async () => {
      const page = await f.login(logins.manager, '/rota');
      await page.setViewportSize({ width: 390, height: 800 });
      await page.reload();
      await page.locator('#rota-calendar [data-kind]').first().waitFor();
      const shown = await page
        .locator('#rota-calendar [data-kind="shift"]')
        .evaluateAll((els) =>
          els
            .filter((e) => (e as HTMLElement).offsetParent)
            .map((e) => ({ id: e.getAttribute('data-shift'), text: e.textContent!.trim() })),
        );
      const lines = shown.map((l) => l.text);
      expect(lines.length).toBeGreaterThan(5);
      expect(lines.filter((l) => l.startsWith('00:00'))).toEqual([]);
      expect(lines).toContainEqual(expect.stringMatching(/^20:00–08:00 · Dr .+ · N[12]$/));
      // Each shift once (FullCalendar draws a night on both of its days).
      expect(new Set(shown.map((l) => l.id)).size).toBe(shown.length);
      // Nothing cut: each line fits its box.
      const cut = await page
        .locator('#rota-calendar .rota-list-line')
        .evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).length);
      expect(cut).toBe(0);
      await page.screenshot({ path: `${screens}/phone-rota-calendar-list.png`, fullPage: true });
      await page.context().close();
    });
  },
);
