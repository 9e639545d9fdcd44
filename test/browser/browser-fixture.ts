import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { seedDemo } from '../../db/seed/seed-demo.js';
import { startLiveService, type LiveService } from '../support/live.js';

/** Real headless Chromium (Debian's package, driven by playwright-core) against the real app. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(chromiumPath);
export const screens = 'test-results/screens';
export const demoPassword = 'garde-auray-2026';

export interface BrowserFixture {
  s: LiveService;
  browser: Browser;
  /** Logs in through the login form in a fresh browser context; fails loudly if it bounces. */
  login(email: string, path?: string): Promise<Page>;
  /**
   * What the Content-Security-Policy blocked on any page opened through `login` (the event and
   * the console's report): a test asserts it stays empty, so a page or a library needing an
   * inline script or style fails here rather than silently breaking for users.
   */
  cspViolations: string[];
  close(): Promise<void>;
}

/** The live service seeded with the demo territory at `now`, and a headless Chromium. */
export async function openBrowserFixture(now: Date): Promise<BrowserFixture> {
  mkdirSync(screens, { recursive: true });
  const s = await startLiveService({ now });
  await seedDemo(s.db.db, now);
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const cspViolations: string[] = [];
  async function login(email: string, path = '/rota'): Promise<Page> {
    // A context of its own: sessions of earlier logins must not leak into this one.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.exposeFunction('__reportCsp', (text: string) => cspViolations.push(text));
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        const report = (window as unknown as { __reportCsp(text: string): void }).__reportCsp;
        report(`${e.violatedDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`);
      });
    });
    const page = await context.newPage();
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    page.setDefaultTimeout(60_000);
    await page.goto(`${s.url}${path}`);
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe').fill(demoPassword);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL((url) => url.pathname !== '/login').catch(() => {});
    if (new URL(page.url()).pathname === '/login') {
      const sessions = await s.db.sql`select sid, sess::text as sess from session`;
      throw new Error(
        `login failed at ${page.url()}: ${await page.textContent('main')}; cookies ${JSON.stringify(await page.context().cookies())}; sessions ${JSON.stringify(sessions)}`,
      );
    }
    return page;
  }
  return {
    s,
    browser,
    login,
    cspViolations,
    async close() {
      await browser.close();
      await s.close();
    },
  };
}
