import { randomBytes } from 'node:crypto';
import { startTwilioEmulator, type TwilioEmulator } from '@gardeline/twilio-emulator';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkTokenIn, startMailbox } from '../access/mailbox.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { testRedisUrl } from '../support/env.js';
import { csrfIn, httpsBrowser, type Browser, type BrowsingRecord } from './https-browser.js';
import {
  npmRun,
  startProductionService,
  until,
  type ProductionService,
} from './production-service.js';
import { freePort, hasNginx, nginxPath, startTlsProxy, type TlsProxy } from './tls-proxy.js';

/**
 * Going live (issue 14, "Done when"): a new territory run end to end without SQL, as production
 * runs it. The service is a child process started like `npm start` (NODE_ENV=production, its own
 * database, Redis, the Twilio emulator as Twilio, a real SMTP server) behind nginx terminating
 * TLS, and everyone talks to it over https only: the first admin from `npm run create-admin`, a
 * manager invited by e-mail, a professional added to the directory and invited by SMS, each
 * setting their password from the link and logging in through the form.
 */
const accountSid = 'AC' + 'd00d1e'.padEnd(32, '0');
const authToken = randomBytes(16).toString('hex');
const queuePrefix = `golive-${randomBytes(4).toString('hex')}`;
const admin = { email: 'admin@iroise.example', password: 'le phare du Stiff à Ouessant' };
const manager = { email: 'gwen@iroise.example', password: 'la chaussée de Sein par gros temps' };
const pro = { email: 'erwan@iroise.example', password: 'garde de nuit au Conquet 1987' };
const proMobile = '+33611223344';

let db: TestDatabase;
let mailbox: Awaited<ReturnType<typeof startMailbox>>;
let emulator: TwilioEmulator;
let proxy: TlsProxy;
let service: ProductionService | undefined;
let publicUrl: string;
let env: Record<string, string>;
/** Every Set-Cookie the service sent, and every answer the people got. */
const record: BrowsingRecord = { setCookies: [], answers: [] };
const browser = () => httpsBrowser(proxy.port, publicUrl, record);

async function logIn(who: Browser, email: string, password: string) {
  const form = await who.get('/login');
  expect(form.status).toBe(200);
  expect(form.headers['strict-transport-security']).toMatch(/max-age=\d+/);
  const home = await who.form('/login', { email, password, _csrf: csrfIn(form.text), next: '/' });
  expect(home.status, home.text.slice(0, 300)).toBe(200);
  expect(home.text).toContain('Déconnexion');
  expect(who.jar.has('gardeline.sid')).toBe(true);
  return home;
}

/** Opens an invitation link (its https origin checked) and sets the password on the page. */
async function acceptLink(link: string, password: string, email: string) {
  const url = new URL(link);
  expect(url.origin).toBe(publicUrl);
  const visitor = browser();
  const page = await visitor.get(`${url.pathname}${url.search}`);
  expect(page.status).toBe(200);
  expect(page.text).toContain(email);
  const done = await visitor.form('/invitation', {
    token: linkTokenIn(link)!,
    password,
    confirm: password,
  });
  expect(done.status).toBe(200);
  expect(done.text).toContain('mot de passe est enregistré');
}

const linkIn = (text: string) =>
  /https?:\/\/[^\s"<>]+\/invitation\?token=[A-Za-z0-9_%-]+/.exec(text)?.[0];

beforeAll(async () => {
  if (!hasNginx) return;
  [db, mailbox, emulator] = await Promise.all([
    createTestDatabase(),
    startMailbox(),
    startTwilioEmulator({ accountSid, authToken, timeScale: 0.02 }),
  ]);
  const proxyPort = await freePort();
  publicUrl = `https://127.0.0.1:${proxyPort}`;
  // What an operator puts in the service's environment file: nothing local, nothing weak.
  env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: '0',
    PUBLIC_URL: publicUrl,
    TRUST_PROXY: '1',
    DATABASE_URL: db.url,
    REDIS_URL: testRedisUrl,
    QUEUE_PREFIX: queuePrefix,
    TWILIO_API_URL: emulator.url,
    TWILIO_ACCOUNT_SID: accountSid,
    TWILIO_AUTH_TOKEN: authToken,
    SESSION_SECRET: randomBytes(48).toString('base64'),
    SMTP_URL: mailbox.url,
    MAIL_FROM: 'gardeline Iroise <no-reply@iroise.example>',
    LOG_LEVEL: 'info',
  };
  // The emulator plays Twilio: it posts the SMS status callbacks to the https PUBLIC_URL, whose
  // certificate is this test's self-signed one (Twilio would see a real one).
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
  service = await startProductionService(env);
  proxy = await startTlsProxy(proxyPort, service.port);
}, 40_000);

afterAll(async () => {
  await service?.stop();
  await proxy?.stop();
  await emulator?.close();
  await mailbox?.close();
  await db?.drop();
  delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
  if (hasNginx) {
    const redis = new Redis(testRedisUrl);
    const keys = await redis.keys(`${queuePrefix}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  }
});

const title = 'going live: production behind TLS, accounts without SQL';
if (!hasNginx) console.warn(`go-live.test.ts skipped: no nginx at ${nginxPath} (set NGINX_PATH)`);
describe.skipIf(!hasNginx)(
  hasNginx ? title : `${title} (skipped: no nginx at ${nginxPath}; set NGINX_PATH)`,
  () => {
    it('create-admin, then a manager and a professional invited, each logging in over https', async () => {
      // 1. The first admin, from the same environment the service runs with.
      const created = await npmRun('create-admin', {
        ...env,
        ADMIN_EMAIL: admin.email,
        ADMIN_PASSWORD: admin.password,
        ADMIN_NAME: 'Administration Iroise',
      });
      expect(created.code, created.stderr).toBe(0);
      expect(created.stdout).toContain('créé');

      const adminBrowser = browser();
      await logIn(adminBrowser, admin.email, admin.password);
      const accounts = await adminBrowser.get('/accounts');
      expect(accounts.status).toBe(200);
      const adminCsrf = csrfIn(accounts.text);
      const territory = await adminBrowser.json(
        'POST',
        '/api/territories',
        { slug: 'iroise', name: 'Pays d’Iroise', numbers: ['+33298000222'] },
        adminCsrf,
      );
      expect(territory.status, territory.text).toBe(201);
      const territoryId = (JSON.parse(territory.text) as { id: string }).id;

      // 2. A manager, invited by e-mail; the link is on the https public origin.
      const invited = await adminBrowser.form('/accounts/managers', {
        _csrf: adminCsrf,
        name: 'Gwenola Kerébel',
        email: manager.email,
        territoryIds: territoryId,
        channels: 'email',
      });
      expect(invited.status).toBe(200);
      expect(invited.text).toContain('par e-mail');
      const mail = await until('the manager’s e-mail', () =>
        mailbox.mails.find((m) => m.to.includes(manager.email)),
      );
      const managerLink = linkIn(mail.text)!;
      expect(managerLink.startsWith(`${publicUrl}/invitation?token=`)).toBe(true);
      await acceptLink(managerLink, manager.password, manager.email);

      const managerBrowser = browser();
      await logIn(managerBrowser, manager.email, manager.password);

      // 3. The manager adds a professional to the directory (the page's form), then invites them by SMS.
      const form = await managerBrowser.get('/professionals/new');
      expect(form.status).toBe(200);
      const added = await managerBrowser.form('/professionals/new', {
        _csrf: csrfIn(form.text),
        territoryId,
        name: 'Dr Erwan Quéméneur',
        profession: 'médecin généraliste',
        mobile: '06 11 22 33 44',
        email: pro.email,
        languages: 'fr',
      });
      expect(added.status).toBe(200);
      expect(added.text).toContain('Dr Erwan Quéméneur');
      const accountsPage = await managerBrowser.get('/accounts');
      const professionalId = /<option value="([0-9a-f-]{36})">Dr Erwan Quéméneur/.exec(
        accountsPage.text,
      )?.[1];
      expect(professionalId, 'the professional is offered an account').toBeTruthy();
      const sent = await managerBrowser.form('/accounts/professionals', {
        _csrf: csrfIn(accountsPage.text),
        professionalId: professionalId!,
        channels: 'sms',
      });
      expect(sent.status).toBe(200);
      expect(sent.text).toContain('par SMS');
      // The worker sends it through "Twilio"; the SMS comes from the territory's number.
      const sms = await until('the professional’s SMS', () =>
        emulator.messages({ to: proMobile }).find((m) => m.body.includes('/invitation')),
      );
      expect(sms.from).toBe('+33298000222');
      const proLink = linkIn(sms.body)!;
      expect(proLink.startsWith(`${publicUrl}/invitation?token=`)).toBe(true);
      await acceptLink(proLink, pro.password, pro.email);

      // 4. The professional logs in with their own password and sees their page.
      const proBrowser = browser();
      await logIn(proBrowser, pro.email, pro.password);
      const me = await proBrowser.get('/me');
      expect(me.status).toBe(200);
      expect(me.text).toContain('Dr Erwan Quéméneur');

      // Twilio's status callbacks of that SMS reached the service through the proxy, signed
      // against the https PUBLIC_URL, and were accepted (a bad signature would be a 403).
      await until('the SMS status callbacks', () =>
        service!.log.some(
          (l) => l.includes('"/twilio/sms/status"') && l.includes('"statusCode":204'),
        )
          ? true
          : undefined,
      );
    });

    it('every cookie was Secure and the production service refused nothing', () => {
      expect(record.setCookies.length).toBeGreaterThan(3);
      for (const cookie of record.setCookies) expect(cookie).toMatch(/;\s*Secure/i);
      expect(record.setCookies.some((c) => c.startsWith('__Host-'))).toBe(true);
      expect(record.answers.filter((a) => a.status >= 400)).toEqual([]);
      expect(emulator.errors()).toEqual([]);
      const access = service!.log
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as { level: number; msg: string; res?: { statusCode: number } });
      expect(access.filter((l) => l.res).length).toBeGreaterThan(15);
      expect(access.filter((l) => (l.res?.statusCode ?? 0) >= 400 || l.level >= 40)).toEqual([]);
    });
  },
);
