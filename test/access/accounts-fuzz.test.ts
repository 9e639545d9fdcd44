import fc from 'fast-check';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { anAdmin, aProfessional, aService, aTerritory, aUser } from '../support/factories.js';

/** Random JSON bodies on every account and token write: refusals are 4xx, never a 5xx. */
let t: TestApp;
let adminToken: string;
let session: { agent: ReturnType<typeof request.agent>; csrf: string };
let routes: string[];

beforeAll(async () => {
  t = await createTestApp();
  const territory = await aTerritory(t.db.db);
  const p = await aProfessional(t.db.db, await aService(t.db.db, territory));
  const pro = await aUser(t.db.db, 'professional', { territories: [territory], professional: p });
  const admin = await anAdmin(t.db.db);
  adminToken = admin.token;
  const agent = request.agent(t.app);
  const login = await agent
    .post('/api/session')
    .send({ email: admin.user.email, password: admin.password });
  session = { agent, csrf: login.body.csrf };
  routes = [
    'post /api/accounts/managers',
    'post /api/accounts/professionals',
    `post /api/accounts/${pro.user.id}/reset`,
    'post /api/accounts/x/deactivate',
    'post /api/invitations/accept',
    'session put /api/account/password',
    'session post /api/tokens',
  ];
});
afterAll(() => t.close());

const value = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(
    'a@b.example',
    '06 12 34 56 78',
    'sms',
    'email',
    '00000000-0000-4000-8000-000000000000',
    'azertyuiop123',
    'une phrase de passe assez longue',
  ),
  fc.array(fc.constantFrom('sms', 'email', 'fax', '00000000-0000-4000-8000-000000000000'), {
    maxLength: 3,
  }),
  fc.string({ minLength: 300, maxLength: 400 }),
);
const body = fc.dictionary(
  fc.constantFrom(
    'email',
    'name',
    'mobile',
    'territoryIds',
    'territoryId',
    'professionalId',
    'channels',
    'token',
    'password',
    'currentPassword',
    'newPassword',
  ),
  value,
  { maxKeys: 6 },
);

describe('fuzzing the account routes', () => {
  it('never answers a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), body, async (route, payload) => {
        const parts = route.split(' ');
        const viaSession = parts[0] === 'session';
        const [method, path] = (viaSession ? parts.slice(1) : parts) as ['post' | 'put', string];
        const bearer = request(t.app);
        const res = viaSession
          ? await session.agent[method](path).set('x-csrf-token', session.csrf).send(payload)
          : await bearer[method](path).set('Authorization', `Bearer ${adminToken}`).send(payload);
        expect(
          res.status,
          `${route} ${JSON.stringify(payload).slice(0, 300)} → ${res.text.slice(0, 200)}`,
        ).toBeLessThan(500);
      }),
      { numRuns: 300 },
    );
  }, 120_000);
});
