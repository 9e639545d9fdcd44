import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failuresPerAddress } from '../../server/access/login-limits.js';
import { aTerritory, aUser, type AUser } from '../support/factories.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { testRedisUrl } from '../support/env.js';
import { freePort, hasNginx, httpsCall, startTlsProxy, type TlsProxy } from './tls-proxy.js';

/**
 * Production mode behind nginx terminating TLS (issue 14): the form login works, its cookies are
 * Secure, HSTS is sent, and the rate limit sees each client's own address, not the proxy's.
 */
let t: TestApp;
let server: Server;
let proxy: TlsProxy;
let user: AUser;

beforeAll(async () => {
  const port = await freePort();
  t = await createTestApp({
    publicUrl: `https://127.0.0.1:${port}`,
    env: {
      NODE_ENV: 'production',
      PUBLIC_URL: `https://127.0.0.1:${port}`,
      TRUST_PROXY: '1',
      DATABASE_URL: 'postgres://unused@127.0.0.1:9/unused',
      REDIS_URL: testRedisUrl,
      TWILIO_API_URL: 'http://127.0.0.1:9',
      TWILIO_AUTH_TOKEN: randomBytes(16).toString('hex'),
      SESSION_SECRET: randomBytes(32).toString('base64url'),
    },
  });
  user = await aUser(t.db.db, 'manager', { territories: [await aTerritory(t.db.db)] });
  server = createServer(t.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  if (hasNginx) proxy = await startTlsProxy(port, (server.address() as { port: number }).port);
});
afterAll(async () => {
  await proxy?.stop();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});

const cookies = (headers: Record<string, string | string[] | undefined>) =>
  ([] as string[]).concat(headers['set-cookie'] ?? []);
const pair = (cookie: string) => cookie.split(';')[0]!;
const csrfIn = (text: string) => /name="_csrf" value="([^"]+)"/.exec(text)?.[1] ?? '';

describe.skipIf(!hasNginx)('production behind a TLS-terminating proxy', () => {
  it('logs in through the form with Secure cookies, and sends HSTS', async () => {
    const form = await httpsCall(proxy.port, 'GET', '/login?next=/professionals');
    expect(form.status).toBe(200);
    expect(form.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    const loginCookie = cookies(form.headers).find((c) => c.startsWith('__Host-gardeline.login='));
    expect(loginCookie).toMatch(/;\s*Secure/i);
    const login = await httpsCall(proxy.port, 'POST', '/login', {
      headers: { cookie: pair(loginCookie!) },
      form: {
        email: user.user.email,
        password: user.password,
        _csrf: csrfIn(form.text),
        next: '/professionals',
      },
    });
    expect(login.status, login.text.slice(0, 300)).toBe(303);
    expect(login.headers.location).toBe('/professionals');
    const sid = cookies(login.headers).find((c) => c.startsWith('gardeline.sid='));
    expect(sid).toMatch(/;\s*Secure/i);
    expect(sid).toMatch(/;\s*HttpOnly/i);
    const home = await httpsCall(proxy.port, 'GET', '/professionals', {
      headers: { cookie: pair(sid!) },
    });
    expect(home.status).toBe(200);
    expect(home.text).toContain('Déconnexion');
  });

  it('limits each client address on its own; a forged X-Forwarded-For does not escape', async () => {
    const fail = (from: string, i: number, forged?: string) =>
      httpsCall(proxy.port, 'POST', '/api/session', {
        from,
        json: { email: `nobody-${i}@test.local`, password: 'x' },
        headers: forged ? { 'x-forwarded-for': forged } : {},
      });
    for (let i = 0; i < failuresPerAddress; i++)
      expect((await fail('127.0.0.2', i, `10.9.8.${i}`)).status).toBe(401);
    expect((await fail('127.0.0.2', 99, '10.9.8.200')).status).toBe(429);
    // Another client behind the same proxy is not locked out.
    expect((await fail('127.0.0.3', 100)).status).toBe(401);
  });
});
