import fc from 'fast-check';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../db/seed/seed-demo.js';
import { services, users } from '../../db/schema/index.js';
import { createApiToken } from '../../server/access/credentials.js';
import { createTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
let token: string;
let serviceId: string;
beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-11-24T10:00:00Z') });
  await seedDemo(t.db.db, new Date('2026-11-24T10:00:00Z'));
  const manager = (await t.db.db.select().from(users)).find((u) => u.role === 'manager')!;
  token = await createApiToken(t.db.db, manager.id, 'fuzz');
  serviceId = (await t.db.db.select().from(services))[0]!.id;
});
afterAll(() => t.close());

const value = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(
    '2026-13-45',
    '02:30',
    '25:00',
    '+33612345678',
    '06 12',
    'earlier',
    '00000000-0000-4000-8000-000000000000',
  ),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.string({ minLength: 2000, maxLength: 3000 }),
);
const body = fc.dictionary(
  fc.constantFrom(
    'serviceId',
    'professionalId',
    'level',
    'date',
    'start',
    'end',
    'startsAt',
    'endsAt',
    'disambiguation',
    'name',
    'mobile',
    'territoryId',
    'from',
    'to',
    'assignments',
    'template',
    'settings',
    'kind',
    'shiftId',
  ),
  value,
  { maxKeys: 7 },
);

describe('fuzzing the API with random JSON bodies', () => {
  it('never answers a 5xx', async () => {
    const routes = [
      'post /api/shifts',
      'post /api/professionals',
      'post /api/unavailability',
      'post /api/overrides',
      `post /api/services/${serviceId}/auto-fill`,
      `post /api/services/${serviceId}/auto-fill/accept`,
      `patch /api/services/${serviceId}`,
      'post /api/territories',
      'post /api/session',
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), body, async (route, payload) => {
        const [method, path] = route.split(' ') as ['post' | 'patch', string];
        const agent = request(t.app);
        const res = await agent[method](path).set('Authorization', `Bearer ${token}`).send(payload);
        expect(
          res.status,
          `${route} ${JSON.stringify(payload).slice(0, 300)} → ${res.text.slice(0, 200)}`,
        ).toBeLessThan(500);
      }),
      { numRuns: 600 },
    );
  }, 120_000);
});
