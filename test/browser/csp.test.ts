import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueNames } from '../../server/platform/queues.js';
import { hasChromium, openBrowserFixture, type BrowserFixture } from './browser-fixture.js';

/**
 * The strict CSP in a real browser. The rota and manager pages assert "nothing blocked" after
 * each of their tests; here the one page with a looser policy: bull-board's queue dashboard
 * (inline styles allowed, scripts still from the site only) must still run.
 */
const now = new Date('2026-11-24T21:00:00Z');
let f: BrowserFixture;

describe.skipIf(!hasChromium)(
  'the Content-Security-Policy in a browser',
  { timeout: 120_000 },
  () => {
    beforeAll(async () => {
      f = await openBrowserFixture(now);
    }, 60_000);
    afterAll(() => f?.close());

    it("the admin's queue dashboard renders its queues with nothing but a third-party font blocked", async () => {
      const page = await f.login('admin@gardeline.local', '/admin/queues');
      await page.getByText(queueNames[0]!, { exact: false }).first().waitFor();
      const blocked = f.cspViolations.splice(0).filter((v) => !/fonts\.googleapis\.com/.test(v));
      expect(blocked).toEqual([]);
    });

    it("a manager's home page and rota load with nothing blocked", async () => {
      const page = await f.login('coordination@cpts-auray.local', '/');
      await page.getByRole('heading', { name: 'De garde maintenant' }).waitFor();
      await page.goto(`${f.s.url}/rota`);
      // The calendar drew its days and fetched the shifts from /rota/feed.
      await page.locator('#rota-calendar [data-date]').first().waitFor();
      await expect.poll(() => page.locator('[data-kind="shift"]').count()).toBeGreaterThan(0);
      expect(f.cspViolations.splice(0)).toEqual([]);
    });
  },
);
