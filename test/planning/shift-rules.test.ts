import { eq } from 'drizzle-orm';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, shifts } from '../../db/schema/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { buildTerritory, putShift, type Territory } from './planning-world.js';

// The limits every shift write shares, seen through the API (the other doors share the command).
const now = new Date('2026-11-24T10:00:00Z');
let t: TestApp;
let a: Territory;

beforeAll(async () => {
  t = await createTestApp({ now });
  a = await buildTerritory(t.db.db, 'regles');
});
afterAll(() => t.close());

const create = (body: object) =>
  request(t.app)
    .post('/api/shifts')
    .set('Authorization', a.bearer)
    .send({ serviceId: a.serviceId, professionalId: null, level: 1, ...body });

describe('shift rules', () => {
  it.each([
    [{ startsAt: '2027-01-01T08:00:00Z', endsAt: '2027-01-03T09:00:00Z' }, /48 h/],
    [{ startsAt: '2101-01-01T08:00:00Z', endsAt: '2101-01-01T20:00:00Z' }, /5 ans/],
    // A shift ending in 3027 was accepted: within five years of now, either side.
    [{ startsAt: '3027-01-01T08:00:00Z', endsAt: '3027-01-01T20:00:00Z' }, /5 ans/],
    [{ startsAt: '2031-12-01T08:00:00Z', endsAt: '2031-12-01T20:00:00Z' }, /5 ans/],
    [{ startsAt: '2021-11-01T08:00:00Z', endsAt: '2021-11-01T20:00:00Z' }, /5 ans/],
    [{ startsAt: '2027-01-01T08:00:00Z', endsAt: '2027-01-01T20:00:00Z', level: 10 }, /Données/],
  ])('refuses %j with 400', async (body, message) => {
    const res = await create(body);
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(message);
  });

  it('refuses a second shift of the same service and level over the same hours (409)', async () => {
    const first = await create({
      startsAt: '2027-01-05T19:00:00Z',
      endsAt: '2027-01-06T07:00:00Z',
    });
    expect(first.status).toBe(201);
    const again = await create({
      startsAt: '2027-01-06T05:00:00Z',
      endsAt: '2027-01-06T10:00:00Z',
    });
    expect(again.status).toBe(409);
    const backup = await create({
      startsAt: '2027-01-06T05:00:00Z',
      endsAt: '2027-01-06T10:00:00Z',
      level: 2,
    });
    expect(backup.status).toBe(201);
  });

  it('a change that changes nothing keeps the version and writes no audit entry', async () => {
    const shift = await putShift(t.db.db, {
      serviceId: a.serviceId,
      professionalId: a.doctors[0]!,
      startsAt: '2027-01-12T19:00:00Z',
      endsAt: '2027-01-13T07:00:00Z',
    });
    const patch = (body: object) =>
      request(t.app).patch(`/api/shifts/${shift.id}`).set('Authorization', a.bearer).send(body);
    expect((await patch({ level: 2 })).status).toBe(200);
    expect((await patch({ level: 2 })).status).toBe(200);
    const [row] = await t.db.db.select().from(shifts).where(eq(shifts.id, shift.id));
    expect(row).toMatchObject({ level: 2, version: 2, kind: 'weeknight' });
    expect(
      await t.db.db.select().from(auditLog).where(eq(auditLog.entityId, shift.id)),
    ).toHaveLength(1);
  });
});
