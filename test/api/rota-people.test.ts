import { and, eq } from 'drizzle-orm';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, shifts, swapRequests, territories } from '../../db/schema/index.js';
import type { TestApp } from '../support/app.js';
import {
  aShift,
  type Professional,
  type Service,
  type Shift,
  type Territory,
} from '../support/factories.js';
import { planningWorld } from './planning-world.js';

let t: TestApp;
let territory: Territory;
let doctor: Service;
let annie: Professional;
let other: Professional;
let rota: Shift[];
let manager: string;
let admin: string;
let annieBearer: string;
let yann: string;

beforeAll(async () => {
  ({ t, territory, doctor, annie, other, rota, manager, admin, annieBearer, yann } =
    await planningWorld());
});
afterAll(() => t.close());

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
      .send({ settings: { followUpSms: true } });
    expect(patch.status).toBe(200);
    const [after] = await t.db.db
      .select()
      .from(territories)
      .where(eq(territories.id, territory.id));
    expect(after!.settings).toMatchObject({ followUpSms: true, saturdayAfternoon: true });
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
    expect(offered.body.code).toMatch(/^\d{6}$/);
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
