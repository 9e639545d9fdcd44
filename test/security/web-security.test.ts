import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../db/seed/seed-demo.js';
import { sameSitePath } from '../../server/access/login-pages.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { webLogin, type WebSession } from '../support/web-session.js';

/** Issue 14's web findings: headers and CSP, open redirect, anonymous sessions, CSRF gaps. */
const now = new Date('2026-11-24T21:00:00Z');
let t: TestApp;
let manager: WebSession;
let pro: WebSession;
const managerEmail = 'coordination@cpts-auray.local';
const password = 'garde-auray-2026';
const csrfIn = (text: string) => /name="_csrf" value="([^"]+)"/.exec(text)?.[1] ?? '';
const sessionRows = async () =>
  Number((await t.db.sql`select count(*)::int as n from session`)[0]!.n);

beforeAll(async () => {
  t = await createTestApp({ now });
  await seedDemo(t.db.db, now);
  manager = await webLogin(t.app, managerEmail);
  pro = await webLogin(t.app, 'dr.le-goff@cpts-auray.local');
});
afterAll(() => t.close());

describe('security headers', () => {
  it('sends a strict CSP, no framing, nosniff and a same-origin referrer policy', async () => {
    const res = await request(t.app).get('/login');
    const csp = res.headers['content-security-policy'] as string;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('same-origin');
    // HSTS only in production (test/security/behind-proxy.test.ts checks it there).
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it("loosens only the queue dashboard's styles; scripts stay the site's own everywhere", async () => {
    const csp = (await request(t.app).get('/admin/queues')).headers['content-security-policy'];
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("frame-ancestors 'none'");
    const elsewhere = (await request(t.app).get('/admin')).headers['content-security-policy'];
    expect(elsewhere).not.toContain('unsafe-inline');
  });

  it('serves pages with no inline script, style block or style attribute', async () => {
    const pages = [
      await request(t.app).get('/login'),
      ...(await Promise.all(
        ['/', '/rota', '/professionals', '/swaps', '/calls', '/callbacks'].map((p) =>
          manager.agent.get(p),
        ),
      )),
      await pro.agent.get('/me'),
    ];
    for (const res of pages) {
      expect(res.status, res.text.slice(0, 200)).toBe(200);
      expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(res.text).not.toMatch(/<style\b/);
      expect(res.text).not.toMatch(/\sstyle=/);
      expect(res.text).not.toMatch(/\son[a-z]+=/);
    }
  });

  it('serves the stylesheet to anonymous visitors (the login page needs it)', async () => {
    const res = await request(t.app).get('/assets/gardeline.css');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/css/);
    expect(res.text).toContain('.off-screen');
  });
});

describe('login redirects stay on this site', () => {
  it('does not send the browser to /\\example.org after login', async () => {
    const agent = request.agent(t.app);
    const form = await agent.get('/login?next=%2F%5Cexample.org%2Fx');
    expect(form.text).toContain('name="next" value="/"');
    const res = await agent
      .post('/login')
      .type('form')
      .send({ email: managerEmail, password, _csrf: csrfIn(form.text), next: '/\\example.org/x' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/');
  });

  it('keeps same-site paths and refuses every way off the origin', () => {
    expect(sameSitePath('/rota?service=x#week')).toBe('/rota?service=x#week');
    for (const bad of [
      '//example.org',
      '/\\example.org',
      '/\t/example.org',
      'https://example.org',
      '/%5Cexample.org',
      'javascript:alert(1)',
      '',
      null,
    ])
      expect(new URL(sameSitePath(bad), 'https://garde.test').origin).toBe('https://garde.test');
  });
});

describe('sessions', () => {
  it('stores no session for anonymous visits (login page, a failed login, the API)', async () => {
    const before = await sessionRows();
    const res = await request(t.app).get('/login');
    await request(t.app).get('/login?next=/rota');
    await request(t.app).get('/rota');
    await request(t.app).get('/api/session');
    await request(t.app).post('/login').type('form').send({ email: 'x@test.local', password: 'x' });
    expect(String(res.headers['set-cookie'] ?? '')).not.toContain('gardeline.sid');
    expect(await sessionRows()).toBe(before);
  });

  it('refuses a login form posted without the login cookie (cross-site)', async () => {
    const form = await request(t.app).get('/login');
    const res = await request(t.app)
      .post('/login')
      .type('form')
      .send({ email: managerEmail, password, _csrf: csrfIn(form.text), next: '/' });
    expect(res.status).toBe(403);
  });

  it('prunes expired sessions', async () => {
    await t.db.sql`insert into session (sid, sess, expire)
      values ('expired-one', '{"cookie":{}}'::json, now() - interval '1 day')`;
    // A fresh app: its store prunes on its first write.
    const { createApp } = await import('../../server/app.js');
    await webLogin(createApp(t.deps), managerEmail);
    await expect
      .poll(async () => (await t.db.sql`select sid from session where sid = 'expired-one'`).length)
      .toBe(0);
  });
});

describe('CSRF', () => {
  it('checks it when a non-Bearer Authorization header comes with the session cookie', async () => {
    const res = await manager.agent
      .post('/api/professionals')
      .set('authorization', 'Basic Zm9vOmJhcg==')
      .send({});
    expect(res.status).toBe(403);
    expect(res.body.error).toBe('csrf');
  });

  it('logout needs the token: a cross-site POST leaves the session alone', async () => {
    const victim = await webLogin(t.app, managerEmail);
    const forged = await victim.agent.post('/logout').type('form').send({});
    expect(forged.status).toBe(403);
    expect((await victim.agent.get('/')).status).toBe(200);
    const api = await victim.agent.delete('/api/session');
    expect(api.status).toBe(403);
    expect((await victim.agent.get('/')).status).toBe(200);
    // The confirmation form carries the token; with it the logout happens.
    const out = await victim.post('/logout', { _csrf: csrfIn(forged.text) });
    expect(out.status).toBe(303);
    expect((await victim.agent.get('/')).headers.location).toMatch(/^\/login/);
  });
});
