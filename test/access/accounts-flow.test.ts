import request from 'supertest';
import { createApp } from '../../server/app.js';
import { createLogger } from '../../server/platform/logger.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { webLogin, type WebSession } from '../support/web-session.js';
import { linkTokenIn as tokenIn, startMailbox } from './mailbox.js';
import { runScript } from './run-script.js';

/**
 * A new territory run end to end without SQL: the first admin from `npm run create-admin`, a
 * manager invited by e-mail, a professional of the directory invited by SMS and e-mail, each
 * logging in with the password they chose. (The test reads the SMS outbox and the database to
 * check what went out; the people never touch either.)
 */
const now = new Date('2026-11-24T10:00:00Z');
let t: TestApp;
let mailbox: Awaited<ReturnType<typeof startMailbox>>;
let admin: WebSession;
let manager: WebSession;
let territoryId: string;
let professionalId: string;
let professionalUserId: string;

const adminPassword = 'phare de la teignouse 1902';
const managerPassword = 'les îles du golfe en hiver';
const proPassword = 'garde de nuit à Locmariaquer';
const linkTokenIn = (text: string) => {
  const token = tokenIn(text);
  if (token) secrets.push(token);
  return token;
};
// Refusals are checked through the API login: the form's rate limit is kept for the logins that work.
const canLogIn = async (email: string, password: string) =>
  (await request(t.app).post('/api/session').send({ email, password })).status === 200;
const mailTo = (address: string) => mailbox.mails.filter((m) => m.to.includes(address)).at(-1)!;
const api = (s: WebSession) => ({
  post: (path: string, body: object) => s.agent.post(path).set('x-csrf-token', s.csrf).send(body),
});

/** Everything the service logs during the run (access log included), to grep for secrets. */
const logs: string[] = [];
/** Every link token and API token seen, and the passwords chosen: none may reach a log line. */
const secrets: string[] = [];

beforeAll(async () => {
  mailbox = await startMailbox();
  t = await createTestApp({ now, env: { SMTP_URL: mailbox.url } });
  t.deps.logger = createLogger('debug', false, { write: (line: string) => void logs.push(line) });
  t.app = createApp(t.deps);
});
afterAll(async () => {
  await t.close();
  await mailbox.close();
});

describe('accounts for every user', () => {
  it('the first admin comes from npm run create-admin and logs in', async () => {
    const run = await runScript('create-admin.ts', {
      NODE_ENV: 'test',
      DATABASE_URL: t.db.url,
      ADMIN_EMAIL: 'admin@golfe.example',
      ADMIN_PASSWORD: adminPassword,
    });
    expect(run.code).toBe(0);
    admin = await webLogin(t.app, 'admin@golfe.example', adminPassword);
    const res = await api(admin).post('/api/territories', {
      slug: 'golfe',
      name: 'Golfe du Morbihan',
      numbers: ['+33297000111'],
    });
    expect(res.status).toBe(201);
    territoryId = res.body.id;
  });

  it('an admin invites a manager by e-mail; the link sets the password once', async () => {
    const res = await admin.post('/accounts/managers', {
      name: 'Anne Le Bihan',
      email: 'anne@golfe.example',
      territoryIds: [territoryId],
      channels: 'email',
    });
    expect(res.status).toBe(200);
    expect(res.text).toContain('Lien envoyé à Anne Le Bihan par e-mail');
    const token = linkTokenIn(mailTo('anne@golfe.example').text)!;
    expect(token).toBeTruthy();
    // Invited, not yet able to log in.
    expect(await canLogIn('anne@golfe.example', managerPassword)).toBe(false);

    const visitor = request.agent(t.app);
    const form = await visitor.get(`/invitation?token=${token}`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('anne@golfe.example');
    expect(form.headers['set-cookie']).toBeUndefined();
    const weak = await visitor
      .post('/invitation')
      .type('form')
      .send({ token, password: 'azertyuiop123', confirm: 'azertyuiop123' });
    expect(weak.status).toBe(400);
    expect(weak.text).toContain('trop courant');
    const set = await visitor
      .post('/invitation')
      .type('form')
      .send({ token, password: managerPassword, confirm: managerPassword });
    expect(set.status).toBe(200);
    expect(set.text).toContain('mot de passe est enregistré');
    const again = await visitor
      .post('/invitation')
      .type('form')
      .send({ token, password: 'une autre phrase de passe', confirm: 'une autre phrase de passe' });
    expect(again.status).toBe(410);
    manager = await webLogin(t.app, 'anne@golfe.example', managerPassword);
  });

  it('the manager invites a professional of the directory by SMS and e-mail', async () => {
    const created = await api(manager).post('/api/professionals', {
      territoryId,
      name: 'Dr Yann Le Goff',
      profession: 'médecin généraliste',
      mobile: '06 12 34 56 78',
      email: 'yann@golfe.example',
    });
    expect(created.status).toBe(201);
    professionalId = created.body.id;
    expect((await manager.agent.get('/accounts')).text).toContain('Dr Yann Le Goff');

    const res = await manager.post('/accounts/professionals', {
      professionalId,
      channels: ['sms', 'email'],
    });
    expect(res.status).toBe(200);
    expect(res.text).toContain('par SMS et e-mail');
    const [sms] = await t.db.sql<{ body: string; to_number: string; from_number: string }[]>`
      select body, to_number, from_number from sms_messages where kind = 'account_invitation'`;
    expect(sms!.to_number).toBe('+33612345678');
    expect(sms!.from_number).toBe('+33297000111');
    // Who sends and where to click: nothing about a patient, a shift or a name.
    expect(sms!.body).toMatch(/^gardeline : un compte a été créé pour vous/);
    expect(sms!.body).not.toContain('Le Goff');
    const token = linkTokenIn(sms!.body)!;
    expect(linkTokenIn(mailTo('yann@golfe.example').text)).toBe(token);

    const weak = await request(t.app)
      .post('/api/invitations/accept')
      .send({ token, password: '123456789012' });
    expect(weak.status).toBe(400);
    expect(weak.body.fields.password).toMatch(/trop courant/);
    const short = await request(t.app)
      .post('/api/invitations/accept')
      .send({ token, password: 'court' });
    expect(short.status).toBe(400);
    expect(short.body.fields.password).toMatch(/12 caractères/);
    const ok = await request(t.app)
      .post('/api/invitations/accept')
      .send({ token, password: proPassword });
    expect(ok.status).toBe(200);
    const pro = await webLogin(t.app, 'yann@golfe.example', proPassword);
    const me = await pro.agent.get('/api/session');
    expect(me.body.user).toMatchObject({ role: 'professional', professionalId });
    professionalUserId = me.body.user.userId;
    // A professional has no Comptes page and no API tokens.
    expect((await pro.agent.get('/api/accounts')).status).toBe(403);
    expect((await api(pro).post('/api/tokens', { name: 'x', territoryId })).status).toBe(403);
  });

  it('an expired link is refused (72 h)', async () => {
    const created = await api(manager).post('/api/professionals', {
      territoryId,
      name: 'Dr Nolwenn Guégan',
      profession: 'médecin généraliste',
      mobile: '06 98 76 54 32',
      email: 'nolwenn@golfe.example',
    });
    const res = await api(manager).post('/api/accounts/professionals', {
      professionalId: created.body.id,
      channels: ['email'],
    });
    expect(res.status).toBe(201);
    const token = linkTokenIn(mailTo('nolwenn@golfe.example').text)!;
    t.setNow(new Date(now.getTime() + 73 * 3600_000));
    try {
      expect((await request(t.app).get(`/invitation?token=${token}`)).status).toBe(410);
      const accept = await request(t.app)
        .post('/api/invitations/accept')
        .send({ token, password: proPassword });
      expect(accept.status).toBe(410);
    } finally {
      t.setNow(now);
    }
  });

  it('a manager resets a password: the old one and its sessions stop working, a new link goes out', async () => {
    const pro = await webLogin(t.app, 'yann@golfe.example', proPassword);
    const res = await manager.post(`/accounts/${professionalUserId}/reset`, { channels: 'email' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('par e-mail');
    expect((await pro.agent.get('/api/session')).status).toBe(401);
    expect(await canLogIn('yann@golfe.example', proPassword)).toBe(false);
    const token = linkTokenIn(mailTo('yann@golfe.example').text)!;
    const newPassword = 'la cale de Port-Navalo';
    const ok = await request(t.app)
      .post('/api/invitations/accept')
      .send({ token, password: newPassword });
    expect(ok.status).toBe(200);
    await webLogin(t.app, 'yann@golfe.example', newPassword);
    // A manager manages professionals only: not an admin, not themself.
    const adminId = (await admin.agent.get('/api/session')).body.user.userId;
    expect((await api(manager).post(`/api/accounts/${adminId}/deactivate`, {})).status).toBe(403);
  });

  it('API tokens: made once in Mon compte, scoped, last use kept, revoked', async () => {
    const made = await manager.post('/account/tokens', { name: 'tableur', territoryId });
    expect(made.status).toBe(200);
    const token = /<code id="new-token">([^<]+)<\/code>/.exec(made.text)![1]!;
    expect(token).toMatch(/^glt_/);
    secrets.push(token);
    const before = await manager.agent.get('/api/tokens');
    expect(before.body.tokens).toHaveLength(1);
    expect(before.body.tokens[0]).toMatchObject({ name: 'tableur', territoryId, lastUsedAt: null });
    expect(JSON.stringify(before.body)).not.toContain(token);
    const used = await request(t.app).get('/api/professionals').auth(token, { type: 'bearer' });
    expect(used.status).toBe(200);
    const after = await manager.agent.get('/api/tokens');
    expect(new Date(after.body.tokens[0].lastUsedAt).getTime()).toBe(now.getTime());
    // A token cannot mint another one.
    const minted = await request(t.app)
      .post('/api/tokens')
      .auth(token, { type: 'bearer' })
      .send({ name: 'autre', territoryId });
    expect(minted.status).toBe(403);
    const id = after.body.tokens[0].id;
    expect((await manager.post(`/account/tokens/${id}/revoke`)).status).toBe(200);
    expect(
      (await request(t.app).get('/api/professionals').auth(token, { type: 'bearer' })).status,
    ).toBe(401);
  });

  it('deactivating a professional ends their sessions and their iCal feed', async () => {
    const pro = await webLogin(t.app, 'yann@golfe.example', 'la cale de Port-Navalo');
    const [{ ical_token: feed }] = (await t.db.sql`
      select ical_token from professionals where id = ${professionalId}`) as unknown as [
      { ical_token: string },
    ];
    expect((await request(t.app).get(`/ical/professional/${feed}.ics`)).status).toBe(200);
    const res = await manager.post(`/accounts/${professionalUserId}/deactivate`);
    expect(res.status).toBe(200);
    expect((await pro.agent.get('/api/session')).status).toBe(401);
    expect((await pro.agent.get('/me')).status).toBe(303);
    expect(await canLogIn('yann@golfe.example', 'la cale de Port-Navalo')).toBe(false);
    expect((await request(t.app).get(`/ical/professional/${feed}.ics`)).status).toBe(404);
    const listed = await manager.agent.get('/api/accounts');
    expect(
      listed.body.accounts.find((a: { id: string }) => a.id === professionalUserId),
    ).toMatchObject({
      status: 'deactivated',
    });
  });

  it('a deactivated professional comes back through a new link only', async () => {
    const res = await manager.post(`/accounts/${professionalUserId}/reset`, { channels: 'sms' });
    expect(res.status).toBe(200);
    expect(await canLogIn('yann@golfe.example', 'la cale de Port-Navalo')).toBe(false);
    const [sms] = await t.db.sql<{ body: string }[]>`
      select body from sms_messages where kind = 'account_invitation' order by created_at desc limit 1`;
    expect(sms!.body).toMatch(/^gardeline : réinitialisation/);
    const token = linkTokenIn(sms!.body)!;
    const accepted = await request(t.app)
      .post('/api/invitations/accept')
      .send({ token, password: 'retour de garde en mai' });
    expect(accepted.status).toBe(200);
    await webLogin(t.app, 'yann@golfe.example', 'retour de garde en mai');
  });

  it('deactivating a manager ends their session and their API tokens (401)', async () => {
    const made = await manager.post('/account/tokens', { name: 'export', territoryId });
    const token = /<code id="new-token">([^<]+)<\/code>/.exec(made.text)![1]!;
    const managerId = (await manager.agent.get('/api/session')).body.user.userId;
    const res = await api(admin).post(`/api/accounts/${managerId}/deactivate`, {});
    expect(res.status).toBe(200);
    expect((await manager.agent.get('/api/session')).status).toBe(401);
    expect(
      (await request(t.app).get('/api/professionals').auth(token, { type: 'bearer' })).status,
    ).toBe(401);
  });

  it('every write is in the audit log, without a password or a token', async () => {
    const rows = await t.db.sql<{ action: string; after: unknown; before: unknown }[]>`
      select action, before, after from audit_log where entity in ('user', 'api_token') order by id`;
    expect(rows.map((r) => r.action)).toEqual(
      expect.arrayContaining([
        'account.create_admin',
        'account.invite',
        'account.password_set',
        'account.reset',
        'account.deactivate',
        'api_token.create',
        'api_token.revoke',
      ]),
    );
    const text = JSON.stringify(rows);
    expect(text).not.toMatch(/password_?hash|glt_|argon2/i);
  });

  it('no token or password reached the logs', () => {
    expect(logs.length).toBeGreaterThan(20);
    const all = logs.join('');
    expect(all).toContain('/invitation');
    for (const secret of [...secrets, adminPassword, managerPassword, proPassword])
      expect(all).not.toContain(secret);
  });
});
