import { eq } from 'drizzle-orm';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shifts } from '../../db/schema/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { buildTerritory, putShift, type Territory } from './planning-world.js';

// The four defects of issue 12 that came from the many doors of a shift write.
const now = new Date('2026-11-24T10:00:00Z');
let t: TestApp;
let a: Territory;
let b: Territory;

beforeAll(async () => {
  t = await createTestApp({ now });
  a = await buildTerritory(t.db.db, 'defauts-a');
  b = await buildTerritory(t.db.db, 'defauts-b');
});
afterAll(() => t.close());

const shiftRow = async (id: string) =>
  (await t.db.db.select().from(shifts).where(eq(shifts.id, id)))[0]!;

describe('PATCH /api/shifts/:id', () => {
  it('does not pull a shift of another territory into mine with my serviceId: 404, unchanged', async () => {
    const theirs = await putShift(t.db.db, {
      serviceId: a.serviceId,
      professionalId: a.doctors[0]!,
      startsAt: '2027-01-05T19:00:00Z',
      endsAt: '2027-01-06T07:00:00Z',
    });
    const res = await request(t.app)
      .patch(`/api/shifts/${theirs.id}`)
      .set('Authorization', b.bearer)
      .send({ serviceId: b.serviceId, professionalId: null });
    expect(res.status).toBe(404);
    const unknown = await request(t.app)
      .patch('/api/shifts/6f1c2a9e-3b4d-4e5f-8a7b-1c2d3e4f5a6b')
      .set('Authorization', b.bearer)
      .send({ serviceId: b.serviceId });
    expect(res.body).toEqual(unknown.body);
    expect(await shiftRow(theirs.id)).toMatchObject({
      serviceId: a.serviceId,
      professionalId: a.doctors[0],
      version: 1,
    });
  });

  it('moves a shift given local { date, start, end }', async () => {
    const shift = await putShift(t.db.db, {
      serviceId: a.serviceId,
      professionalId: a.doctors[1]!,
      startsAt: '2027-01-12T19:00:00Z',
      endsAt: '2027-01-13T07:00:00Z',
    });
    const res = await request(t.app)
      .patch(`/api/shifts/${shift.id}`)
      .set('Authorization', a.bearer)
      .send({ date: '2027-01-14', start: '20:00', end: '08:00' });
    expect(res.status).toBe(200);
    const after = await shiftRow(shift.id);
    expect(after.startsAt.toISOString()).toBe('2027-01-14T19:00:00.000Z');
    expect(after.endsAt.toISOString()).toBe('2027-01-15T07:00:00.000Z');
    expect(after.version).toBe(2);
  });
});

describe('POST /api/services/:id/auto-fill/accept', () => {
  const range = { from: '2027-02-01', to: '2027-02-02' };
  async function proposal() {
    const res = await request(t.app)
      .post(`/api/services/${a.serviceId}/auto-fill`)
      .set('Authorization', a.bearer)
      .send(range);
    expect(res.status).toBe(200);
    const slots = new Map(res.body.slots.map((s: { key: string }) => [s.key, s]));
    return (res.body.assignments as { slotKey: string; professionalId: string }[]).map((x) => {
      const { startsAt, endsAt, level, kind } = slots.get(x.slotKey) as Record<string, unknown>;
      return { startsAt, endsAt, level, kind, professionalId: x.professionalId };
    });
  }
  const accept = (assignments: unknown[]) =>
    request(t.app)
      .post(`/api/services/${a.serviceId}/auto-fill/accept`)
      .set('Authorization', a.bearer)
      .send({ assignments });

  it('refuses what the server did not propose, with 400 and never 500; nothing is written', async () => {
    const proposed = await proposal();
    expect(proposed.length).toBeGreaterThan(1);
    const first = proposed[0]!;
    const before = (await t.db.db.select().from(shifts)).length;
    for (const bad of [
      [{ ...first, professionalId: b.doctors[0] }],
      [first, first],
      [{ ...first, level: 1_000_000 }],
      [{ ...first, professionalId: '6f1c2a9e-3b4d-4e5f-8a7b-1c2d3e4f5a6b' }],
      [{ ...first, startsAt: first.endsAt, endsAt: first.startsAt }],
    ]) {
      const res = await accept(bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
    }
    expect((await t.db.db.select().from(shifts)).length).toBe(before);
    const ok = await accept(proposed);
    expect(ok.status).toBe(201);
    expect(ok.body.created).toBe(proposed.length);
  });
});

describe('POST /api/services/:id/shifts.csv', () => {
  const csv = (rows: string[]) =>
    `service,date,debut,fin,professionnel,niveau\n${rows.join('\n')}\n`;
  const post = (body: string) =>
    request(t.app)
      .post(`/api/services/${a.serviceId}/shifts.csv`)
      .set('Authorization', a.bearer)
      .set('Content-Type', 'text/csv')
      .send(body);
  const mobileOf = async (id: string) =>
    (await t.db.db.query.professionals.findFirst({ where: (p, { eq }) => eq(p.id, id) }))!.mobile;

  it('refuses a row that double-books a professional already on duty (line and reason), writes nothing', async () => {
    await putShift(t.db.db, {
      serviceId: a.otherServiceId,
      professionalId: a.doctors[2]!,
      startsAt: '2027-03-02T19:00:00Z',
      endsAt: '2027-03-03T07:00:00Z',
    });
    const before = (await t.db.db.select().from(shifts)).length;
    const res = await post(
      csv([
        `Médecin defauts-a,2027-03-01,20:00,08:00,${await mobileOf(a.doctors[0]!)},1`,
        `Médecin defauts-a,2027-03-02,20:00,08:00,${await mobileOf(a.doctors[2]!)},1`,
      ]),
    );
    expect(res.status).toBe(409);
    expect(res.body.lines).toEqual([
      expect.objectContaining({ line: 2, outcome: 'created' }),
      expect.objectContaining({ line: 3, outcome: 'refused', reason: expect.any(String) }),
    ]);
    expect((await t.db.db.select().from(shifts)).length).toBe(before);
  });

  it('imports with weight classes; importing the export again changes nothing', async () => {
    const rows = csv([
      `Médecin defauts-a,2027-03-06,12:00,20:00,${await mobileOf(a.doctors[0]!)},1`,
      `Médecin defauts-a,2027-03-07,08:00,20:00,${await mobileOf(a.doctors[1]!)},1`,
      `Médecin defauts-a,2027-03-08,20:00,08:00,,2`,
    ]);
    const first = await post(rows);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ created: 3, updated: 0, unchanged: 0, refused: 0 });
    const kinds = await t.db.db
      .select({ kind: shifts.kind, startsAt: shifts.startsAt })
      .from(shifts)
      .where(eq(shifts.serviceId, a.serviceId))
      .orderBy(shifts.startsAt);
    const imported = kinds.filter((k) => k.startsAt >= new Date('2027-03-06T00:00:00Z'));
    expect(imported.map((k) => k.kind)).toEqual(['saturday', 'sunday_holiday', 'weeknight']);

    const exported = await request(t.app)
      .get(
        `/api/services/${a.serviceId}/shifts.csv?from=2027-03-06T00:00:00Z&to=2027-03-09T12:00:00Z`,
      )
      .set('Authorization', a.bearer);
    const before = await t.db.db.select().from(shifts);
    const again = await post(exported.text);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 3, refused: 0 });
    expect(await t.db.db.select().from(shifts)).toEqual(before);
  });
});
