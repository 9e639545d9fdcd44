import { eq } from 'drizzle-orm';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, shifts } from '../../db/schema/index.js';
import type { TestApp } from '../support/app.js';
import { type Professional, type Service, type Territory } from '../support/factories.js';
import { national, planningWorld } from './planning-world.js';

let t: TestApp;
let territory: Territory;
let doctor: Service;
let doctors: Professional[];
let annie: Professional;
let other: Professional;
let manager: string;
let annieBearer: string;

beforeAll(async () => {
  ({ t, territory, doctor, doctors, annie, other, manager, annieBearer } = await planningWorld());
});
afterAll(() => t.close());

describe('planning API', () => {
  it('fairness of the next month, heaviest load first', async () => {
    const res = await request(t.app)
      .get(`/api/services/${doctor.id}/fairness?from=2026-11-24T00:00:00Z&to=2026-12-24T00:00:00Z`)
      .set('Authorization', manager);
    expect(res.status).toBe(200);
    const loads = res.body.loads as { professionalId: string; weightedLoad: number }[];
    expect(loads.map((l) => l.professionalId).sort()).toEqual(doctors.map((d) => d.id).sort());
    // The three who also carry level 2 come first, and each load is no heavier than the last.
    expect(new Set(loads.slice(0, 3).map((l) => l.professionalId))).toEqual(
      new Set(doctors.slice(3).map((d) => d.id)),
    );
    for (let i = 1; i < loads.length; i++)
      expect(loads[i]!.weightedLoad).toBeLessThanOrEqual(loads[i - 1]!.weightedLoad);
    expect(loads[0]!.weightedLoad).toBeGreaterThan(loads.at(-1)!.weightedLoad);
  });

  it('auto-fill proposes for open slots beyond the built rota; accepting writes them and audits', async () => {
    const proposal = await request(t.app)
      .post(`/api/services/${doctor.id}/auto-fill`)
      .set('Authorization', manager)
      .send({ from: '2027-03-01', to: '2027-03-07' });
    expect(proposal.status).toBe(200);
    expect(proposal.body.unfilled).toEqual([]);
    // The week is open in the built world: there is something to fill.
    expect(proposal.body.slots.length).toBeGreaterThan(0);
    const slot = new Map(proposal.body.slots.map((s: { key: string }) => [s.key, s]));
    const assignments = proposal.body.assignments.map(
      (a: { slotKey: string; professionalId: string }) => ({
        ...(slot.get(a.slotKey) as object),
        professionalId: a.professionalId,
      }),
    );
    const accepted = await request(t.app)
      .post(`/api/services/${doctor.id}/auto-fill/accept`)
      .set('Authorization', manager)
      .send({ assignments });
    expect(accepted.status).toBe(201);
    expect(accepted.body.created).toBe(assignments.length);
    const again = await request(t.app)
      .post(`/api/services/${doctor.id}/auto-fill`)
      .set('Authorization', manager)
      .send({ from: '2027-03-01', to: '2027-03-07' });
    expect(again.body.slots).toEqual([]);
    expect(
      await t.db.db.select().from(auditLog).where(eq(auditLog.action, 'auto-fill.accept')),
    ).toHaveLength(assignments.length); // one audit entry per shift written
  });

  it('a pont a manager confirms counts for the gaps and for auto-fill (Friday after Ascension 2027)', async () => {
    const day = { from: '2027-05-07T06:00:00Z', to: '2027-05-07T18:00:00Z' };
    const gaps = () =>
      request(t.app)
        .get(`/api/services/${doctor.id}/gaps?from=${day.from}&to=${day.to}`)
        .set('Authorization', manager);
    const proposal = () =>
      request(t.app)
        .post(`/api/services/${doctor.id}/auto-fill`)
        .set('Authorization', manager)
        .send({ from: '2027-05-07', to: '2027-05-07' });
    const daytimeSlots = (body: { slots: { startsAt: string }[] }) =>
      body.slots.filter((s) => s.startsAt === '2027-05-07T06:00:00.000Z');
    // An ordinary Friday daytime: no PDSA hours, nothing to cover.
    expect((await gaps()).body.gaps).toEqual([]);
    expect(daytimeSlots((await proposal()).body)).toEqual([]);

    const confirm = await request(t.app)
      .put(`/api/territories/${doctor.territoryId}/calendar/2027-05-07`)
      .set('Authorization', manager)
      .send({ kind: 'pont' });
    expect(confirm.status).toBe(200);
    const after = (await gaps()).body.gaps as {
      start: string;
      end: string;
      missingLevels: number[];
    }[];
    expect(after).toEqual([
      expect.objectContaining({
        start: '2027-05-07T06:00:00.000Z',
        end: '2027-05-07T18:00:00.000Z',
        missingLevels: [1, 2],
      }),
    ]);
    expect(daytimeSlots((await proposal()).body).length).toBe(2);
  });

  it('CSV: a bad file is refused whole with every bad line; a good one is imported; export reads back', async () => {
    const before = (await t.db.db.select().from(shifts)).length;
    const bad = await request(t.app)
      .post(`/api/services/${doctor.id}/shifts.csv`)
      .set('Authorization', manager)
      .set('Content-Type', 'text/csv')
      .send(
        `service,date,debut,fin,professionnel,niveau\n${doctor.name},2027-05-01,20:00,08:00,${annie.mobile},3\n${doctor.name},2027-03-28,02:30,08:00,,3\nX,2027-05-02,20:00,08:00,,3\n`,
      );
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { line: number }) => e.line)).toEqual([3, 4]);
    expect((await t.db.db.select().from(shifts)).length).toBe(before);
    const good = await request(t.app)
      .post(`/api/services/${doctor.id}/shifts.csv`)
      .set('Authorization', manager)
      .set('Content-Type', 'text/csv')
      .send(
        `service,date,debut,fin,professionnel,niveau\n${doctor.name},2027-05-01,20:00,08:00,${national(other.mobile)},3\n`,
      );
    expect(good.status).toBe(201);
    const csv = await request(t.app)
      .get(
        `/api/services/${doctor.id}/shifts.csv?from=2027-05-01T00:00:00Z&to=2027-05-02T23:00:00Z`,
      )
      .set('Authorization', manager);
    // The mobile starts with "+": prefixed against formula injection, read back by the import.
    expect(csv.text).toContain(
      `${doctor.name};2027-05-01;20:00;08:00;'${other.mobile};3;2027-05-02`,
    );
  });

  it('calendar: holidays and proposed ponts of a year; a confirmed pont shows as confirmed', async () => {
    const calendar = async () =>
      (
        await request(t.app)
          .get(`/api/territories/${territory.id}/calendar?year=2026`)
          .set('Authorization', annieBearer)
          .expect(200)
      ).body as {
        holidays: string[];
        ponts: { date: string; reason: string | null; status: string }[];
      };
    const before = await calendar();
    expect(before.holidays).toContain('2026-05-14');
    expect(before.ponts).toContainEqual({
      date: '2026-05-15',
      reason: 'vendredi après Ascension',
      status: 'proposed',
    });
    // The Saturday after a Friday holiday (1 May 2026) is proposed too.
    expect(before.ponts.map((p) => p.date)).toContain('2026-05-02');

    await request(t.app)
      .put(`/api/territories/${territory.id}/calendar/2026-05-15`)
      .set('Authorization', manager)
      .send({ kind: 'pont' })
      .expect(200);
    const after = await calendar();
    expect(after.ponts).toContainEqual({
      date: '2026-05-15',
      reason: 'vendredi après Ascension',
      status: 'confirmed',
    });
    expect(after.ponts.find((p) => p.date === '2026-05-16')?.status).toBe('proposed');
  });

  it('calendar: an overseas territory lists its own holidays (La Réunion, 20 December)', async () => {
    const get = async () =>
      (
        await request(t.app)
          .get(`/api/territories/${territory.id}/calendar?year=2026`)
          .set('Authorization', annieBearer)
          .expect(200)
      ).body.holidays as string[];
    expect(await get()).not.toContain('2026-12-20');
    await request(t.app)
      .patch(`/api/territories/${territory.id}`)
      .set('Authorization', manager)
      .send({ settings: { overseas: 'RE' } })
      .expect(200);
    expect(await get()).toContain('2026-12-20');
    await request(t.app)
      .patch(`/api/territories/${territory.id}`)
      .set('Authorization', manager)
      .send({ settings: { overseas: null } })
      .expect(200);
    expect(await get()).not.toContain('2026-12-20');
  });
});
