import { and, eq } from 'drizzle-orm';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShiftTemplateSlot } from '../../db/schema/settings.js';
import { serviceMembers, shifts, territories } from '../../db/schema/index.js';
import { holidaySet } from '../../rota/calendar/holidays.js';
import { wallClockToInstant } from '../../rota/local-time.js';
import { classifySlot, type HeavySlot } from '../../rota/slot-weights.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { aManager, aProfessional, aService, aShift, aTerritory } from '../support/factories.js';

/**
 * Fair over the years, against the real PostgreSQL: auto-fill remembers last year's Christmas,
 * sees the territory's other services, and proposes the uncovered part of a cut night.
 */
const zone = 'Europe/Paris';
const at = (date: string, time: string) => wallClockToInstant(date, time, zone);
const nightsAndDays: ShiftTemplateSlot[] = [
  {
    name: 'nuit',
    days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'holiday', 'pont'],
    start: '20:00',
    end: '08:00',
    levels: 1,
    kind: 'weeknight',
  },
  {
    name: 'jour',
    days: ['sun', 'holiday'],
    start: '08:00',
    end: '20:00',
    levels: 1,
    kind: 'sunday_holiday',
  },
];

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-11-24T10:00:00Z') });
});
afterAll(() => t.close());

async function world(doctors: number) {
  const territory = await aTerritory(t.db.db);
  const service = await aService(t.db.db, territory, {
    template: nightsAndDays,
    requiredLevels: 1,
  });
  const ids: string[] = [];
  for (let i = 0; i < doctors; i++) ids.push((await aProfessional(t.db.db, service)).id);
  const manager = await aManager(t.db.db, territory);
  return { territory, service, ids, bearer: `Bearer ${manager.token}` };
}

type Proposal = {
  slots: { key: string; startsAt: string; endsAt: string; level: number; kind: string }[];
  assignments: { slotKey: string; professionalId: string }[];
  unfilled: { slotKey: string; code: string }[];
};

async function propose(bearer: string, serviceId: string, from: string, to: string) {
  const res = await request(t.app)
    .post(`/api/services/${serviceId}/auto-fill`)
    .set('Authorization', bearer)
    .send({ from, to });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as Proposal;
}

async function fill(bearer: string, serviceId: string, from: string, to: string) {
  const proposal = await propose(bearer, serviceId, from, to);
  const slots = new Map(proposal.slots.map((s) => [s.key, s]));
  const assignments = proposal.assignments.map((a) => {
    const { startsAt, endsAt, level, kind } = slots.get(a.slotKey)!;
    return { startsAt, endsAt, level, kind, professionalId: a.professionalId };
  });
  const res = await request(t.app)
    .post(`/api/services/${serviceId}/auto-fill/accept`)
    .set('Authorization', bearer)
    .send({ from, to, assignments });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return proposal;
}

describe('auto-fill over the years', () => {
  it('gives Christmas and New Year to different doctors two years running', async () => {
    const { territory, service, ids, bearer } = await world(12);
    // The territory's weights, through the settings door: they are what auto-fill reads.
    const patched = await request(t.app)
      .patch(`/api/territories/${territory.id}`)
      .set('Authorization', bearer)
      .send({ slotWeights: { christmas_newyear: 4, saturday_night: 1.75 } });
    expect(patched.status).toBe(200);
    for (const bad of [{ weeknight: -1 }, { monday: 2 }, { christmas_newyear: 'lourd' }]) {
      const refused = await request(t.app)
        .patch(`/api/territories/${territory.id}`)
        .set('Authorization', bearer)
        .send({ slotWeights: bad });
      expect(refused.status, JSON.stringify(bad)).toBe(400);
    }
    const [row] = await t.db.db.select().from(territories).where(eq(territories.id, territory.id));
    expect(row!.slotWeights).toEqual({ christmas_newyear: 4, saturday_night: 1.75 });

    await fill(bearer, service.id, '2026-12-01', '2027-01-10');
    await fill(bearer, service.id, '2027-12-01', '2028-01-10');
    const calendar = { timeZone: zone, holidays: holidaySet(2026, 2028) };
    const rows = await t.db.db
      .select()
      .from(shifts)
      .where(and(eq(shifts.serviceId, service.id), eq(shifts.status, 'active')));
    const holders = (year: number, heavy: HeavySlot) =>
      new Set(
        rows
          .filter((s) => {
            const c = classifySlot(s.startsAt, s.endsAt, calendar);
            const y = s.startsAt.getUTCFullYear() + (s.startsAt.getUTCMonth() === 0 ? -1 : 0);
            return c.heavy === heavy && y === year;
          })
          .map((s) => s.professionalId!),
      );
    for (const heavy of ['christmas', 'new_year'] as const) {
      const [first, second] = [holders(2026, heavy), holders(2027, heavy)];
      // 24 night, 25 day and 25 night; 31 night, 1 day and 1 night: three each year.
      expect(first.size, heavy).toBe(3);
      expect(second.size, heavy).toBe(3);
      expect(
        [...second].filter((id) => first.has(id)),
        heavy,
      ).toEqual([]);
    }
    const festive = (year: number) =>
      [...holders(year, 'christmas'), ...holders(year, 'new_year')].sort().join();
    expect(festive(2027)).not.toBe(festive(2026));
    expect(ids.length).toBe(12);
  });

  it('never proposes a doctor over her shift on another service, and counts it', async () => {
    const { territory, service, ids, bearer } = await world(3);
    const kine = await aService(t.db.db, territory, {
      kind: 'respiratory_physio',
      name: 'Kiné respiratoire',
      requiredLevels: 1,
    });
    const anne = await aProfessional(t.db.db, kine);
    await t.db.db.insert(serviceMembers).values({ serviceId: service.id, professionalId: anne.id });
    // Her week on the kiné service: Monday 1 to Monday 8 February 2027, 08:00.
    await aShift(t.db.db, kine, anne, {
      startsAt: at('2027-02-01', '08:00'),
      endsAt: at('2027-02-08', '08:00'),
      level: 1,
      kind: null,
    });
    const proposal = await propose(bearer, service.id, '2027-02-01', '2027-02-07');
    expect(proposal.unfilled).toEqual([]);
    expect(proposal.assignments.length).toBeGreaterThan(0);
    expect(proposal.assignments.map((a) => a.professionalId)).not.toContain(anne.id);
    // The week after, she is the heaviest already: her kiné week weighs in her load.
    const report = await request(t.app)
      .get(`/api/services/${service.id}/fairness?from=2027-02-08T00:00:00Z&to=2027-02-15T00:00:00Z`)
      .set('Authorization', bearer);
    expect(report.status).toBe(200);
    const year = report.body.twelveMonths.loads as {
      professionalId: string;
      weightedLoad: number;
      weightByKind: Record<string, number>;
    }[];
    const hers = year.find((l) => l.professionalId === anne.id)!;
    expect(hers.weightedLoad).toBeGreaterThan(7);
    expect(hers.weightByKind.sunday_holiday_day).toBeCloseTo(1.5);
    expect(ids).not.toContain(anne.id);
  });

  it('proposes 00:00–08:00 of a night whose shift was cut to 20:00–00:00', async () => {
    const { service, ids, bearer } = await world(3);
    await aShift(
      t.db.db,
      service,
      { id: ids[0]! },
      {
        startsAt: at('2027-03-10', '20:00'),
        endsAt: at('2027-03-11', '00:00'),
        level: 1,
        kind: null,
      },
    );
    const proposal = await propose(bearer, service.id, '2027-03-10', '2027-03-10');
    expect(proposal.slots.map((s) => [s.startsAt, s.endsAt])).toEqual([
      ['2027-03-10T23:00:00.000Z', '2027-03-11T07:00:00.000Z'],
    ]);
    expect(proposal.slots[0]!.kind).toBe('weeknight');
    const [assignment] = proposal.assignments;
    expect(assignment!.slotKey).toBe(proposal.slots[0]!.key);
    // Whoever did 20:00–00:00 needs their rest: someone else takes the second half.
    expect(assignment!.professionalId).not.toBe(ids[0]);
    const again = await fill(bearer, service.id, '2027-03-10', '2027-03-10');
    expect(again.assignments).toEqual(proposal.assignments);
    expect((await propose(bearer, service.id, '2027-03-10', '2027-03-10')).slots).toEqual([]);
  });
});
