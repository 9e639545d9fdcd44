import { and, eq } from 'drizzle-orm';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultDoctorTemplate } from '../../db/seed/demo-territory.js';
import { auditLog, shifts, swapRequests, territories } from '../../db/schema/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import {
  aManager,
  anAdmin,
  aProfessional,
  aService,
  aShift,
  aTerritory,
  aUser,
  type Professional,
  type Service,
  type Shift,
  type Territory,
} from '../support/factories.js';

const now = new Date('2026-11-24T10:00:00Z');
let t: TestApp;
let territory: Territory;
let doctor: Service;
/** Six members of the doctor service; Annie and Yann are the first two. */
let doctors: Professional[];
let annie: Professional;
let other: Professional;
/** The doctor service's nights from 24 November for thirty nights, two levels each. */
let rota: Shift[];
/** `Authorization` header values. */
let manager: string;
let admin: string;
let annieBearer: string;
let yann: string;

beforeAll(async () => {
  t = await createTestApp({ now });
  const db = t.db.db;
  territory = await aTerritory(db);
  doctor = await aService(db, territory, { template: defaultDoctorTemplate });
  doctors = [];
  for (let i = 0; i < 6; i++) doctors.push(await aProfessional(db, doctor));
  [annie, other] = doctors as [Professional, Professional];
  // Level 1 turns through all six, level 2 through the last three only: an uneven load.
  rota = [];
  for (let night = 0; night < 30; night++) {
    const startsAt = new Date(Date.UTC(2026, 10, 24 + night, 19));
    const endsAt = new Date(startsAt.getTime() + 12 * 3_600_000);
    rota.push(await aShift(db, doctor, doctors[night % 6]!, { startsAt, endsAt, level: 1 }));
    rota.push(
      await aShift(db, doctor, doctors[3 + ((night + 1) % 3)]!, { startsAt, endsAt, level: 2 }),
    );
  }
  const bearer = (user: { token: string }) => `Bearer ${user.token}`;
  manager = bearer(await aManager(db, territory));
  admin = bearer(await anAdmin(db));
  annieBearer = bearer(
    await aUser(db, 'professional', { territories: [territory], professional: annie }),
  );
  yann = bearer(await aUser(db, 'professional', { territories: [territory], professional: other }));
});
afterAll(() => t.close());

/** A French mobile as people write it: +33639985001 → 06 39 98 50 01. */
const national = (mobile: string) => `0${mobile.slice(3)}`.replace(/(\d{2})(?=\d)/g, '$1 ');

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
    expect(csv.text).toContain(`${doctor.name},2027-05-01,20:00,08:00,${other.mobile},3`);
  });

  it('calendar: holidays and proposed ponts of a year', async () => {
    const res = await request(t.app)
      .get(`/api/territories/${territory.id}/calendar?year=2026`)
      .set('Authorization', annieBearer);
    expect(res.body.holidays).toContain('2026-05-14');
    expect(res.body.proposedPonts.map((p: { date: string }) => p.date)).toContain('2026-05-15');
  });
});

describe('leave and overrides', () => {
  it('a professional declares their own leave, not a colleague’s; a manager adds an override', async () => {
    const own = await request(t.app)
      .post('/api/unavailability')
      .set('Authorization', annieBearer)
      .send({
        professionalId: annie.id,
        startsAt: '2027-02-01T00:00:00Z',
        endsAt: '2027-02-08T00:00:00Z',
        reason: 'congés',
      });
    expect(own.status).toBe(201);
    expect(
      (
        await request(t.app).post('/api/unavailability').set('Authorization', annieBearer).send({
          professionalId: other.id,
          startsAt: '2027-02-01T00:00:00Z',
          endsAt: '2027-02-08T00:00:00Z',
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await request(t.app).post('/api/unavailability').set('Authorization', annieBearer).send({
          professionalId: annie.id,
          startsAt: '2027-02-08T00:00:00Z',
          endsAt: '2027-02-01T00:00:00Z',
        })
      ).status,
    ).toBe(400);

    // A colleague's shift far beyond the built rota, so Annie has no shift of her own then
    // (she would otherwise be rung once, from her own shift).
    const shift = await aShift(t.db.db, doctor, other, {
      level: 1,
      startsAt: new Date('2027-09-01T18:00:00Z'),
      endsAt: new Date('2027-09-02T06:00:00Z'),
    });
    const mid = new Date((shift.startsAt.getTime() + shift.endsAt.getTime()) / 2).toISOString();
    const override = await request(t.app)
      .post('/api/overrides')
      .set('Authorization', manager)
      .send({
        shiftId: shift.id,
        professionalId: annie.id,
        startsAt: shift.startsAt.toISOString(),
        endsAt: mid,
      });
    expect(override.status).toBe(201);
    const onDuty = await request(t.app)
      .get(`/api/services/${shift.serviceId}/on-duty?at=${shift.startsAt.toISOString()}`)
      .set('Authorization', manager);
    expect(
      onDuty.body.contacts.find((c: { shiftId: string }) => c.shiftId === shift.id),
    ).toMatchObject({ professionalId: annie.id, source: 'override' });
    expect(
      (
        await request(t.app).post('/api/overrides').set('Authorization', annieBearer).send({
          shiftId: shift.id,
          professionalId: annie.id,
          startsAt: shift.startsAt.toISOString(),
          endsAt: mid,
        })
      ).status,
    ).toBe(403);
  });
});

describe('iCal feeds', () => {
  it('serves a professional’s shifts at their secret URL, and nothing at a wrong one', async () => {
    const res = await request(t.app).get(`/ical/professional/${annie.icalToken}.ics`);
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/calendar');
    expect(res.text).toMatch(/BEGIN:VEVENT[\s\S]*UID:[0-9a-f-]{36}@gardeline/);
    // Her own nights of the rota, and none of her colleagues'.
    for (const shift of rota)
      if (shift.professionalId === annie.id)
        expect(res.text).toContain(`UID:${shift.id}@gardeline`);
      else expect(res.text).not.toContain(`UID:${shift.id}@gardeline`);
    expect((await request(t.app).get('/ical/professional/nope.ics')).status).toBe(404);
    const service = await request(t.app).get(`/ical/service/${doctor.icalToken}.ics`);
    expect(service.text.match(/BEGIN:VEVENT/g)!.length).toBeGreaterThanOrEqual(rota.length);
    for (const shift of rota) expect(service.text).toContain(`UID:${shift.id}@gardeline`);
  });
});

describe('territories and services', () => {
  it('an admin creates a territory reachable by its number; a manager edits settings, a template and a pont', async () => {
    const created = await request(t.app)
      .post('/api/territories')
      .set('Authorization', admin)
      .send({
        slug: 'sud-cote-d-or',
        name: "Sud Côte-d'Or",
        numbers: ['03 53 01 00 15'],
        fallbackNumber: '03 53 01 00 99',
      });
    expect(created.status).toBe(201);
    expect(
      (
        await request(t.app)
          .post('/api/territories')
          .set('Authorization', manager)
          .send({ slug: 'x-y', name: 'X', numbers: ['0353010016'] })
      ).status,
    ).toBe(403);
    const patch = await request(t.app)
      .patch(`/api/territories/${territory.id}`)
      .set('Authorization', manager)
      .send({ settings: { regulates: false } });
    expect(patch.status).toBe(200);
    const [after] = await t.db.db
      .select()
      .from(territories)
      .where(eq(territories.id, territory.id));
    expect(after!.settings).toMatchObject({ regulates: false, saturdayAfternoon: true });
    const badTemplate = await request(t.app)
      .patch(`/api/services/${doctor.id}`)
      .set('Authorization', manager)
      .send({
        template: [
          { name: 'nuit', days: ['mon'], start: '20:00', end: '8h', levels: 1, kind: 'weeknight' },
        ],
      });
    expect(badTemplate.status).toBe(400);
    expect(badTemplate.body.fields['template.0.end']).toMatch(/HH:MM/);
    const pont = await request(t.app)
      .put(`/api/territories/${territory.id}/calendar/2026-05-15`)
      .set('Authorization', manager)
      .send({ kind: 'pont', note: 'vendredi de l’Ascension' });
    expect(pont.status).toBe(200);
    expect(
      await t.db.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'calendar.set'), eq(auditLog.entityId, '2026-05-15'))),
    ).toHaveLength(1);
  });
});

describe('swaps through the API', () => {
  it('the owner offers, a colleague takes (first wins), a manager approves and the shift changes hands', async () => {
    // Far beyond the built rota: nobody is on duty then, whatever the auto-fill gave.
    const mine = await aShift(t.db.db, doctor, annie, {
      level: 1,
      startsAt: new Date('2027-10-01T18:00:00Z'),
      endsAt: new Date('2027-10-02T06:00:00Z'),
    });
    expect(
      (
        await request(t.app)
          .post('/api/swaps')
          .set('Authorization', manager)
          .send({ shiftId: mine.id })
      ).status,
    ).toBe(403);
    const offered = await request(t.app)
      .post('/api/swaps')
      .set('Authorization', annieBearer)
      .send({ shiftId: mine.id });
    expect(offered.status).toBe(201);
    expect(offered.body.code).toMatch(/^\d{4}$/);
    // Annie cannot take her own offer.
    expect(
      (
        await request(t.app)
          .post(`/api/swaps/${offered.body.id}/take`)
          .set('Authorization', annieBearer)
      ).status,
    ).toBe(403);
    expect(
      (await request(t.app).post(`/api/swaps/${offered.body.id}/take`).set('Authorization', yann))
        .body,
    ).toEqual({ status: 'taken' });
    expect(
      (await request(t.app).post(`/api/swaps/${offered.body.id}/take`).set('Authorization', yann))
        .status,
    ).toBe(409);
    expect(
      (
        await request(t.app)
          .post(`/api/swaps/${offered.body.id}/approve`)
          .set('Authorization', manager)
      ).status,
    ).toBe(200);
    const [after] = await t.db.db.select().from(shifts).where(eq(shifts.id, mine.id));
    expect(after!.professionalId).toBe(other.id);

    // Yann now holds the night of 1 October: he cannot also take an overlapping offer.
    const clashing = await aShift(t.db.db, doctor, annie, {
      level: 2,
      startsAt: new Date('2027-10-02T04:00:00Z'),
      endsAt: new Date('2027-10-02T10:00:00Z'),
    });
    const second = await request(t.app)
      .post('/api/swaps')
      .set('Authorization', annieBearer)
      .send({ shiftId: clashing.id });
    const refused = await request(t.app)
      .post(`/api/swaps/${second.body.id}/take`)
      .set('Authorization', yann);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/déjà de garde/);

    // An offer left open until its shift began can no longer be taken.
    const begun = await aShift(t.db.db, doctor, annie, {
      level: 2,
      startsAt: new Date('2026-11-24T09:00:00Z'),
      endsAt: new Date('2026-11-24T19:00:00Z'),
    });
    const [stale] = await t.db.db
      .insert(swapRequests)
      .values({ shiftId: begun.id, offeredBy: annie.id, status: 'offered', code: '1234' })
      .returning();
    const late = await request(t.app)
      .post(`/api/swaps/${stale!.id}/take`)
      .set('Authorization', yann);
    expect(late.status).toBe(409);
    expect(late.body.message).toMatch(/déjà commencé/);
    expect(
      (await t.db.db.select().from(swapRequests).where(eq(swapRequests.id, stale!.id)))[0]!.status,
    ).toBe('offered');
  });
});
