import fc from 'fast-check';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectations, type Who } from '../api/authorization-expectations.js';
import { authorizationWorld, type AuthorizationWorld } from '../api/authorization-world.js';
import { routeKey, uniqueRoutes, type DeclaredRoute } from '../support/routes.js';

/**
 * Random queries, bodies and route parameters on every route the router declares (the same
 * walk as the authorization matrix), by admin, managers and professionals: no answer ≥ 500 and
 * none slower than a few seconds. Twilio's webhooks have their own fuzz (twilio-fuzz.test.ts).
 */

const runsPerRoute = 30;
let w: AuthorizationWorld;
let routes: DeclaredRoute[];
beforeAll(async () => {
  w = await authorizationWorld();
  routes = uniqueRoutes(w.t.app).filter(
    (r) => typeof r.path === 'string' && !r.path.startsWith('/twilio/'),
  );
}, 60_000);
afterAll(() => w.t.close());

/** Values that broke routes before: impossible dates, instants PostgreSQL cannot store, NUL. */
const hostile = [
  '2026-13-45',
  '2026-02-30',
  '0000-01-01',
  '+275760-09-13T00:00:00Z',
  '-000001-01-01T00:00:00Z',
  '3027-01-01T00:00:00Z',
  'Mars/Olympus',
  'not-a-uuid',
  '\u0000',
  'x'.repeat(3000),
  '',
];
const strange = fc.constantFrom(
  ...hostile,
  ' ',
  '9999-12-31',
  '+275760-09-13',
  '9999-12-31T23:59:59Z',
  '0001-01-01T00:00:00Z',
  '2026-11-24T25:61:00Z',
  '-1',
  '1e309',
  'NaN',
  '02:30',
  '24:00',
  '25:00',
  '+33612345678',
  '06 12',
  'earlier',
  'approve',
  '00000000-0000-4000-8000-000000000000',
  '%',
  '../../etc/passwd',
  '<script>',
  "'; drop table shifts; --",
);
// The strange values (impossible dates, extreme instants, NUL bytes) find the 500s: weighted up.
const scalar = fc.oneof(
  { weight: 4, arbitrary: strange },
  fc.string({ maxLength: 30 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);
const value = fc.oneof(
  scalar,
  fc.array(scalar, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), scalar, { maxKeys: 3 }),
);
/** Every name a route reads from a query or a body, and a few it does not. */
const names = fc.constantFrom(
  ...['serviceId', 'professionalId', 'territoryId', 'shiftId', 'service', 'level', 'date'],
  ...['start', 'end', 'startsAt', 'endsAt', 'disambiguation', 'from', 'to', 'at', 'year'],
  ...['outcome', 'name', 'profession', 'mobile', 'email', 'languages', 'serviceIds', 'reason'],
  ...['assignments', 'template', 'settings', 'kind', 'note', 'slug', 'timeZone', 'numbers'],
  ...['fallbackNumber', 'daytimeNumber', 'requiredLevels', 'active', 'maxPerMonth'],
  ...['minRestHours', 'password', 'next', 'done', 'allDay', '__proto__', 'constructor'],
);
const fields = fc.dictionary(names, value, { maxKeys: 7 });
const queryFields = fc.dictionary(names, fc.oneof(fc.string({ maxLength: 20 }), strange), {
  maxKeys: 5,
});
const who = fc.constantFrom<Who>('admin', 'manager', 'managerB', 'pro');

/** The row's own query and body (valid, aimed at A's objects), for random fields to spoil. */
async function validInputs(route: DeclaredRoute) {
  const e = expectations[routeKey(route)];
  let text = JSON.stringify({ q: e?.query ?? '', b: e?.body ?? {} });
  for (const m of text.matchAll(/fixture:([A-Za-z]+)/g))
    text = text.replace(m[0], await w.fixture(m[1]!));
  const { q, b } = JSON.parse(text) as { q: string; b: Record<string, unknown> };
  return { query: Object.fromEntries(new URLSearchParams(q)), body: b };
}

/**
 * noise: random fields only; spoil: the row's valid request with random fields added; mutate:
 * the valid request with one of its own fields given a wrong value. The last two reach the code
 * behind validation (dates, ids, ranges), where the 500s hide.
 */
const modes = ['noise', 'spoil', 'mutate'] as const;
type Fields = Record<string, unknown>;
function inputsFor(
  mode: (typeof modes)[number],
  valid: { query: Fields; body: Fields },
  q: Fields,
  b: Fields,
  { pick, wrong }: { pick: number; wrong: unknown },
): { query: Fields; body: Fields } {
  if (mode === 'noise') return { query: q, body: b };
  if (mode === 'spoil') return { query: { ...valid.query, ...q }, body: { ...valid.body, ...b } };
  const query = { ...valid.query };
  const body = { ...valid.body };
  const own = [
    ...Object.keys(query).map((k) => ['q', k]),
    ...Object.keys(body).map((k) => ['b', k]),
  ];
  const [where, k] = own[pick % Math.max(own.length, 1)] ?? [];
  if (where === 'q') query[k!] = typeof wrong === 'object' ? JSON.stringify(wrong) : String(wrong);
  if (where === 'b') body[k!] = wrong;
  return { query, body };
}

async function paramValue(route: DeclaredRoute, name: string, random: string | null) {
  if (random !== null) return encodeURIComponent(random);
  const source = expectations[routeKey(route)]?.params?.[name];
  if (!source) return 'x';
  return source.startsWith('literal:') ? source.slice(8) : w.fixture(source);
}

const failures: string[] = [];

/** One request as `as`; a 5xx or a timeout is recorded with the input that caused it. */
async function probe(
  route: DeclaredRoute,
  as: Who,
  url: string,
  query: Fields,
  body: Fields,
): Promise<void> {
  const key = routeKey(route);
  const method = route.method as 'get' | 'post' | 'patch' | 'put' | 'delete';
  const agent = request(w.t.app);
  let req = agent[method](url)
    .query(query)
    .set('Authorization', `Bearer ${w.users[as].token}`)
    .timeout({ response: 5000 });
  if (method !== 'get')
    req = url.startsWith('/api/') ? req.send(body) : req.type('form').send(body);
  const input = `as ${as} ${method.toUpperCase()} ${url.slice(0, 120)} query ${JSON.stringify(query).slice(0, 200)} body ${JSON.stringify(body).slice(0, 300)}`;
  try {
    const res = await req;
    if (res.status < 500) return;
    const line = `${key}: ${res.status} ${input} → ${res.text.slice(0, 120)}`;
    failures.push(line);
  } catch (err) {
    failures.push(`${key}: ${String(err).slice(0, 80)} ${input}`);
  }
}

const paramNamesOf = (route: DeclaredRoute) =>
  [...String(route.path).matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!);

async function urlWith(route: DeclaredRoute, randoms: (string | null)[]) {
  let url = String(route.path);
  for (const [i, name] of paramNamesOf(route).entries())
    url = url.replace(`:${name}`, await paramValue(route, name, randoms[i] ?? null));
  return url;
}

describe('fuzzing every route with random queries and bodies', () => {
  it('every parameter, query field and body field of each valid request, given each hostile value: no 5xx', async () => {
    failures.length = 0;
    for (const route of routes) {
      const names = paramNamesOf(route);
      const valid = await validInputs(route);
      const cases: { randoms: (string | null)[]; query: Fields; body: Fields }[] = [];
      for (const bad of hostile) {
        names.forEach((_, i) =>
          cases.push({ randoms: names.map((__, j) => (i === j ? bad : null)), ...valid }),
        );
        for (const k of Object.keys(valid.query))
          cases.push({ randoms: [], query: { ...valid.query, [k]: bad }, body: valid.body });
        for (const k of Object.keys(valid.body))
          cases.push({ randoms: [], query: valid.query, body: { ...valid.body, [k]: bad } });
      }
      for (const c of cases) {
        const { query, body } = await validInputs(route).then((v) => ({
          query: { ...v.query, ...c.query },
          body: { ...v.body, ...c.body },
        }));
        await probe(route, 'admin', await urlWith(route, c.randoms), query, body);
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it('random queries, bodies and parameters, by admin, managers and a professional: no 5xx', async () => {
    failures.length = 0;
    for (const route of routes) {
      const params = fc.tuple(
        ...paramNamesOf(route).map(() =>
          // null: the row's fixture (a real object of A), so that the other parameters are reached.
          fc.oneof(
            { weight: 3, arbitrary: fc.constant(null) },
            { weight: 2, arbitrary: strange.filter((v) => v.trim() !== '') },
            fc.string({ minLength: 1, maxLength: 12 }),
          ),
        ),
      );
      await fc.assert(
        fc.asyncProperty(
          who,
          params,
          fc.record({ mode: fc.constantFrom(...modes), q: queryFields, b: fields }),
          fc.record({ pick: fc.nat(), wrong: value }),
          async (as, randoms, { mode, q, b }, mutation) => {
            const { query, body } = inputsFor(mode, await validInputs(route), q, b, mutation);
            await probe(route, as, await urlWith(route, randoms), query, body);
          },
        ),
        { numRuns: runsPerRoute },
      );
    }
    expect(failures).toEqual([]);
  }, 300_000);
});
