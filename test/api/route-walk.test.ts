import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { declaredRoutes } from '../support/routes.js';

/**
 * Walks every route the whole app declares (express 5 router stacks, nested routers included)
 * and calls each without credentials. Nothing but the short public list below may answer: a
 * page, an admin screen or an API route added without authentication fails this test. The walk
 * (test/support/routes.ts) is shared with the authorization matrix and the fuzz suite.
 */
/**
 * Open by design: health, logging in and out (form and API), the login page's stylesheet, invitation links,
 * secret-URL calendar feeds; /metrics answers a direct loopback scrape or a bearer token only
 * (test/service/metrics.test.ts).
 */
const PUBLIC = [
  '/healthz',
  '/readyz',
  '/metrics',
  '/login',
  '/logout',
  '/api/session',
  '/assets/gardeline.css',
  '/invitation',
  '/api/invitations/accept',
];
const isPublic = (path: string) => PUBLIC.includes(path) || path.startsWith('/ical/');
/** A concrete URL for a declared route: parameters become 'x'; the one regex route gets a sample. */
const sample = (path: string | RegExp) =>
  typeof path === 'string'
    ? path.replace(/:[A-Za-z0-9_]+/g, 'x')
    : '/assets/vendor/fullcalendar@7.1.0/all/global.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('no route answers without credentials', () => {
  it('every declared route is refused (401/403, or a redirect to the login page), but the public few', async () => {
    const routes = declaredRoutes(t.app);
    // The walk must see the whole app, not an empty list.
    expect(routes.length).toBeGreaterThan(80);
    const open: string[] = [];
    expect(routes.map((r) => String(r.path))).toEqual(
      expect.arrayContaining(['/api/shifts', '/twilio/voice', '/rota/feed', '/me']),
    );
    for (const { method, path } of routes) {
      const url = sample(path);
      if (isPublic(url)) continue;
      const res = await (request(t.app) as unknown as Record<string, (p: string) => request.Test>)[
        method
      ]!(url);
      // Twilio routes answer 403 to an unsigned request; the API 401; pages send to the login form.
      const refused =
        res.status === 401 ||
        res.status === 403 ||
        (res.status === 303 && String(res.headers.location).startsWith('/login'));
      if (!refused) open.push(`${method.toUpperCase()} ${url} → ${res.status}`);
    }
    expect(open).toEqual([]);
  });

  it('the queue dashboard and the FullCalendar files need a login', async () => {
    const queues = await request(t.app).get('/admin/queues');
    expect(queues.status).toBe(303);
    expect(queues.headers.location).toMatch(/^\/login/);
    expect((await request(t.app).get(sample(/x/))).status).toBe(303);
  });
});
