import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import {
  aManager,
  anAdmin,
  aProfessional,
  aService,
  aTerritory,
  aUser,
  type Territory,
} from '../support/factories.js';
import { webLogin, type WebSession } from '../support/web-session.js';

const now = new Date('2026-11-24T10:00:00Z');
let t: TestApp;
let a: Territory;
let b: Territory;

beforeAll(async () => {
  t = await createTestApp({ now });
  a = await aTerritory(t.db.db);
  b = await aTerritory(t.db.db);
});
afterAll(() => t.close());

/** Logs in through the JSON API (its own rate-limit bucket: this file logs in more than 10 times). */
async function apiLogin(email: string, password: string): Promise<WebSession> {
  const agent = request.agent(t.app);
  const res = await agent.post('/api/session').send({ email, password });
  if (res.status !== 200) throw new Error(`API login of ${email} failed: ${res.status}`);
  const csrf = res.body.csrf as string;
  return {
    agent,
    csrf,
    post: (path, fields = {}) =>
      agent
        .post(path)
        .type('form')
        .send({ _csrf: csrf, ...fields }),
  };
}

const json = (s: WebSession) => ({
  put: (path: string, body: object) => s.agent.put(path).set('x-csrf-token', s.csrf).send(body),
  post: (path: string, body: object) => s.agent.post(path).set('x-csrf-token', s.csrf).send(body),
});

describe('changing one’s own password', () => {
  it('needs the current one, refuses a weak one with a clear 400, ends the other sessions', async () => {
    const m = await aManager(t.db.db, a);
    const here = await webLogin(t.app, m.user.email, m.password);
    const elsewhere = await apiLogin(m.user.email, m.password);
    const wrong = await json(here).put('/api/account/password', {
      currentPassword: 'pas le bon',
      newPassword: 'un mot de passe solide et long',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.fields.currentPassword).toBe('incorrect');
    const weak = await json(here).put('/api/account/password', {
      currentPassword: m.password,
      newPassword: 'password1234',
    });
    expect(weak.status).toBe(400);
    expect(weak.body.fields.password).toMatch(/trop courant/);
    const ok = await json(here).put('/api/account/password', {
      currentPassword: m.password,
      newPassword: 'un mot de passe solide et long',
    });
    expect(ok.status).toBe(200);
    expect((await here.agent.get('/api/session')).status).toBe(200);
    expect((await elsewhere.agent.get('/api/session')).status).toBe(401);
    await apiLogin(m.user.email, 'un mot de passe solide et long');
  });

  it('from the Mon compte page too; a token cannot change it', async () => {
    const p = await aProfessional(t.db.db, await aService(t.db.db, a));
    const u = await aUser(t.db.db, 'professional', { territories: [a], professional: p });
    const s = await webLogin(t.app, u.user.email, u.password);
    expect((await s.agent.get('/account')).text).toContain('Changer mon mot de passe');
    const short = await s.post('/account/password', {
      currentPassword: u.password,
      newPassword: 'court',
    });
    expect(short.status).toBe(400);
    expect(short.text).toContain('au moins 12 caractères');
    const viaToken = await request(t.app)
      .put('/api/account/password')
      .auth(u.token, { type: 'bearer' })
      .send({ currentPassword: u.password, newPassword: 'un mot de passe solide et long' });
    expect(viaToken.status).toBe(403);
  });
});

describe('API tokens', () => {
  it('act on their one territory only, even an admin’s', async () => {
    const admin = await anAdmin(t.db.db);
    const s = await apiLogin(admin.user.email, admin.password);
    const made = await json(s).post('/api/tokens', { name: 'export A', territoryId: a.id });
    expect(made.status).toBe(201);
    const territories = await request(t.app)
      .get('/api/territories')
      .auth(made.body.token, { type: 'bearer' });
    expect(territories.status).toBe(200);
    expect(territories.body.territories.map((x: { id: string }) => x.id)).toEqual([a.id]);
    // Admin-only writes are not a scoped token's to make.
    const invite = await request(t.app)
      .post('/api/accounts/managers')
      .auth(made.body.token, { type: 'bearer' })
      .send({ email: 'x@y.example', name: 'Xavier', territoryIds: [b.id] });
    expect(invite.status).toBe(403);
  });

  it('a manager scopes a token to their own territories only', async () => {
    const m = await aManager(t.db.db, a);
    const s = await apiLogin(m.user.email, m.password);
    expect(
      (await json(s).post('/api/tokens', { name: 'export B', territoryId: b.id })).status,
    ).toBe(403);
  });

  it('last_used_at is written at most once a minute', async () => {
    const m = await aManager(t.db.db, a);
    const s = await apiLogin(m.user.email, m.password);
    const { token } = (await json(s).post('/api/tokens', { name: 'suivi', territoryId: a.id }))
      .body;
    const lastUsed = async () =>
      (
        (await s.agent.get('/api/tokens')).body.tokens as { name: string; lastUsedAt: string }[]
      ).find((x) => x.name === 'suivi')!.lastUsedAt;
    const use = () => request(t.app).get('/api/professionals').auth(token, { type: 'bearer' });
    try {
      await use();
      expect(await lastUsed()).toBe(now.toISOString());
      t.setNow(new Date(now.getTime() + 30_000));
      await use();
      expect(await lastUsed()).toBe(now.toISOString());
      t.setNow(new Date(now.getTime() + 61_000));
      await use();
      expect(await lastUsed()).toBe(new Date(now.getTime() + 61_000).toISOString());
    } finally {
      t.setNow(now);
    }
  });
});

describe('who may invite, reset and deactivate', () => {
  it('a manager of another territory may not invite nor deactivate this territory’s professionals', async () => {
    const p = await aProfessional(t.db.db, await aService(t.db.db, a), { email: 'p@a.example' });
    const u = await aUser(t.db.db, 'professional', { territories: [a], professional: p });
    const mb = await aManager(t.db.db, b);
    const s = await apiLogin(mb.user.email, mb.password);
    const p2 = await aProfessional(t.db.db, await aService(t.db.db, a));
    expect(
      (
        await json(s).post('/api/accounts/professionals', {
          professionalId: p2.id,
          email: 'z@a.example',
          channels: ['sms'],
        })
      ).status,
    ).toBe(403);
    expect((await json(s).post(`/api/accounts/${u.user.id}/deactivate`, {})).status).toBe(403);
    expect((await json(s).post(`/api/accounts/${u.user.id}/reset`, {})).status).toBe(403);
    const listed = (await s.agent.get('/api/accounts')).body.accounts as { id: string }[];
    expect(listed.map((x) => x.id)).not.toContain(u.user.id);
  });

  it('the e-mail channel without an SMTP server is a clear 409, and nothing is created', async () => {
    const ma = await aManager(t.db.db, a);
    const s = await apiLogin(ma.user.email, ma.password);
    const p = await aProfessional(t.db.db, await aService(t.db.db, a), { email: 'q@a.example' });
    const res = await json(s).post('/api/accounts/professionals', {
      professionalId: p.id,
      channels: ['email'],
    });
    expect(res.status).toBe(409);
    expect(res.body.message).toMatch(/SMTP_URL/);
    const again = await json(s).post('/api/accounts/professionals', {
      professionalId: p.id,
      channels: ['sms'],
    });
    expect(again.status).toBe(201);
  });
});

describe('the pages', () => {
  it('Comptes is for managers and admins; Mon compte shows tokens to them only', async () => {
    const service = await aService(t.db.db, a);
    const p = await aProfessional(t.db.db, service, { name: 'Dr Soizic Le Floch' });
    const u = await aUser(t.db.db, 'professional', { territories: [a], professional: p });
    const pro = await webLogin(t.app, u.user.email, u.password);
    expect((await pro.agent.get('/accounts')).status).toBe(403);
    expect(
      (await pro.post('/accounts/managers', { name: 'X Y', email: 'x@y.example' })).status,
    ).toBe(403);
    const mine = await pro.agent.get('/account');
    expect(mine.status).toBe(200);
    expect(mine.text).not.toContain('Mes jetons API');
    expect(mine.text).toContain('Mon compte');

    const m = await aManager(t.db.db, a);
    const s = await webLogin(t.app, m.user.email, m.password);
    const accounts = await s.agent.get('/accounts');
    expect(accounts.status).toBe(200);
    expect(accounts.text).toContain('Donner un compte à un professionnel');
    expect(accounts.text).not.toContain('Nouveau coordinateur');
    // Soizic has an account already: she is listed, not offered for an invitation.
    expect(accounts.text).not.toMatch(/<option[^>]*>Dr Soizic Le Floch/);
    expect(accounts.text).toContain(`aria-label="Désactiver le compte de ${u.user.name}"`);
    expect((await s.agent.get('/account')).text).toContain('Mes jetons API');
  });

  it('an admin invites a manager by SMS when there is no mail server', async () => {
    const admin = await anAdmin(t.db.db);
    const s = await apiLogin(admin.user.email, admin.password);
    const res = await json(s).post('/api/accounts/managers', {
      name: 'Gwenaëlle Tanguy',
      email: 'gwen@a.example',
      mobile: '07 81 23 45 67',
      territoryIds: [a.id],
      channels: ['sms'],
    });
    expect(res.status).toBe(201);
    expect(res.body.sent).toEqual(['sms']);
    const [sms] = await t.db.sql<{ to_number: string; from_number: string }[]>`
      select to_number, from_number from sms_messages where to_number = '+33781234567'`;
    expect(sms).toMatchObject({ from_number: a.number });
    const noMobile = await json(s).post('/api/accounts/managers', {
      name: 'Sans Mobile',
      email: 'sans@a.example',
      territoryIds: [a.id],
      channels: ['sms'],
    });
    expect(noMobile.status).toBe(400);
  });
});
