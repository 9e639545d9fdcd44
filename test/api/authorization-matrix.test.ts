import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeKey, uniqueRoutes, type DeclaredRoute } from '../support/routes.js';
import {
  expectations as declaredRows,
  mountedApps,
  type Expectation,
  type Who,
} from './authorization-expectations.js';

const expectations = { ...declaredRows, ...mountedApps };
import { authorizationWorld, type AuthorizationWorld } from './authorization-world.js';

/**
 * The authorization matrix (issue 14): every route the router declares × every identity
 * (anonymous; admin, A's manager, B's manager, A's professional, B's professional, each by
 * session cookie and by Bearer token) → the status class authorization-expectations.ts says.
 */
const people: Who[] = ['admin', 'manager', 'managerB', 'pro', 'proB'];
type Caller = { who: Who | 'anonymous'; door: 'session' | 'bearer' | 'none' };
const callers: Caller[] = [
  { who: 'anonymous', door: 'none' },
  ...people.flatMap((who): Caller[] => [
    { who, door: 'session' },
    { who, door: 'bearer' },
  ]),
];

let w: AuthorizationWorld;
let routes: DeclaredRoute[];
beforeAll(async () => {
  w = await authorizationWorld();
  const ends = (r: DeclaredRoute) => (expectations[routeKey(r)]?.endsSession ? 1 : 0);
  const mounted = Object.keys(mountedApps).map((k) => {
    const [method, path] = k.split(' ') as [string, string];
    return { method: method.toLowerCase(), path };
  });
  routes = [...uniqueRoutes(w.t.app), ...mounted].sort((a, b) => ends(a) - ends(b));
}, 60_000);
afterAll(() => w.t.close());

/** `fixture:name` anywhere in a string becomes the fixture's value. */
async function fill(text: string): Promise<string> {
  let out = text;
  for (const m of text.matchAll(/fixture:([A-Za-z]+)/g))
    out = out.replace(m[0], await w.fixture(m[1]!));
  return out;
}

async function urlOf(route: DeclaredRoute, e: Expectation): Promise<string> {
  if (typeof route.path !== 'string') return '/assets/vendor/fullcalendar@7.1.0/all/global.js';
  let url = route.path;
  for (const [, name] of route.path.matchAll(/:([A-Za-z0-9_]+)/g)) {
    const source = e.params?.[name!];
    if (!source) throw new Error(`${routeKey(route)}: no fixture for :${name} in its row`);
    const value = source.startsWith('literal:') ? source.slice(8) : await w.fixture(source);
    url = url.replace(`:${name}`, value);
  }
  return e.query ? `${url}?${await fill(e.query)}` : url;
}

async function call(route: DeclaredRoute, e: Expectation, caller: Caller, url: string) {
  const api = url.startsWith('/api/');
  const body = e.body ? JSON.parse(await fill(JSON.stringify(e.body))) : undefined;
  const method = route.method as 'get' | 'post' | 'patch' | 'put' | 'delete';
  if (caller.door === 'session') {
    const who = caller.who as Who;
    // The routes that end a session run last: the spare session first, then the main one.
    const s = (e.endsSession && w.spare[who].shift()) || w.sessions[who];
    if (!api && method === 'post') return s.post(url, (body ?? {}) as Record<string, string>);
    const req = s.agent[method](url).set('x-csrf-token', s.csrf);
    return body ? req.send(body) : req;
  }
  let req = request(w.t.app)[method](url);
  if (caller.door === 'bearer')
    req = req.set('Authorization', `Bearer ${w.users[caller.who as Who].token}`);
  if (body) req = api ? req.send(body) : req.type('form').send(body);
  return req;
}

/** What went wrong with one answer, or null if it is what the row expects. */
function verdict(
  e: Expectation,
  caller: Caller,
  url: string,
  res: { status: number; headers: Record<string, string>; text: string },
): string | null {
  const s = res.status;
  if (s >= 500) return `${s} (server error)`;
  if (e.ok === 'public')
    return e.status === undefined || s === e.status ? null : `${s}, expected ${e.status}`;
  if (e.ok === 'twilio') return s === 403 ? null : `${s}, expected 403 (unsigned)`;
  const toLogin = s === 303 && String(res.headers.location).startsWith('/login');
  if (caller.who === 'anonymous') {
    const api = url.startsWith('/api/');
    return (api ? s === 401 : toLogin) ? null : `${s}, expected ${api ? 401 : '303 → /login'}`;
  }
  const allowed = e.ok.includes(caller.who) && !(e.sessionOnly && caller.door === 'bearer');
  const refused = s === 401 || s === 403 || s === 404 || toLogin;
  if (allowed && refused) return `${s}, expected to get through`;
  if (!allowed && !refused) return `${s}, expected 403/404`;
  if (!refused && (caller.who === 'managerB' || caller.who === 'proB')) {
    const leaked = w.secretsOfA.find((secret) => res.text.includes(secret));
    if (leaked) return `${s}, and the answer shows territory A's ${leaked}`;
  }
  // A professional reads what the pages show them: colleagues' numbers masked, no callers'.
  if (!refused && caller.who === 'pro') {
    const leaked = w.secretsFromPro.find((secret) => res.text.includes(secret));
    if (leaked) return `${s}, and the answer shows ${leaked} to a professional`;
  }
  return null;
}

describe('the authorization matrix', () => {
  it('every declared route has a row, and every row a route', () => {
    expect(routes.length).toBeGreaterThan(80);
    const declared = new Set(uniqueRoutes(w.t.app).map(routeKey));
    const missing = [...declared].filter((k) => !(k in declaredRows));
    expect(
      missing,
      `routes without a row in test/api/authorization-expectations.ts (add one each): ${missing.join(', ')}`,
    ).toEqual([]);
    const stale = Object.keys(declaredRows).filter((k) => !declared.has(k));
    expect(stale, `rows of routes the router no longer declares: ${stale.join(', ')}`).toEqual([]);
  });

  it('every route × identity × door answers as its row says', async () => {
    const wrong: string[] = [];
    for (const route of routes) {
      const e = expectations[routeKey(route)];
      if (!e) continue;
      for (const caller of callers) {
        const url = await urlOf(route, e);
        const res = await call(route, e, caller, url);
        const why = verdict(e, caller, url, res);
        if (why) wrong.push(`${routeKey(route)} as ${caller.who} (${caller.door}): ${why}`);
      }
    }
    expect(wrong).toEqual([]);
  }, 120_000);
});
