import { and, eq } from 'drizzle-orm';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smsMessages } from '../../db/schema/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { aProfessional, aService, aShift, aTerritory, aUser } from '../support/factories.js';

// Issue 15, point 4: leave over an assigned shift tells the territory's managers, through the
// SMS queue (real Redis/BullMQ), with no name and no reason.
const night = new Date('2026-11-24T21:00:00Z');
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ now: night });
});
afterAll(() => t.close());

describe('leave over an assigned shift', () => {
  it('queues an SMS to each other manager of the territory, once, with a count and no name', async () => {
    const db = t.db.db;
    const territory = await aTerritory(db);
    const service = await aService(db, territory);
    const doctor = await aProfessional(db, service, { name: 'Dr Nominatif Secret' });
    await aShift(db, service, doctor, { level: 1 });
    const managerPerson = await aProfessional(db, service);
    await aUser(db, 'manager', { territories: [territory], professional: managerPerson });
    // A manager of another territory hears nothing.
    const elsewhere = await aTerritory(db);
    const otherPerson = await aProfessional(db, await aService(db, elsewhere));
    await aUser(db, 'manager', { territories: [elsewhere], professional: otherPerson });
    const own = await aUser(db, 'professional', {
      territories: [territory],
      professional: doctor,
    });

    const res = await request(t.app)
      .post('/api/unavailability')
      .set('Authorization', `Bearer ${own.token}`)
      .send({
        professionalId: doctor.id,
        startsAt: '2026-11-24T20:00:00Z',
        endsAt: '2026-11-25T03:00:00Z',
        reason: 'hospitalisation',
      });
    expect(res.status).toBe(201);
    expect(res.body.conflicts).toHaveLength(1);

    const sent = await db
      .select()
      .from(smsMessages)
      .where(
        and(eq(smsMessages.kind, 'leave_conflict'), eq(smsMessages.territoryId, territory.id)),
      );
    expect(sent).toHaveLength(1);
    expect(sent[0]!.toNumber).toBe(managerPerson.mobile);
    expect(sent[0]!.fromNumber).toBe(territory.number);
    expect(sent[0]!.body).toContain('1 garde(s) attribuée(s)');
    // No name, no reason, no health detail.
    expect(sent[0]!.body).not.toMatch(/Nominatif|hospitalisation/);
    // Handed to BullMQ: the send job waits in Redis.
    const job = await t.deps.jobs.queues.sms.getJob(`sms-${sent[0]!.id}`);
    expect(job?.name).toBe('send-sms');
    expect(job?.data).toEqual({ smsId: sent[0]!.id });
    expect(
      await db.select().from(smsMessages).where(eq(smsMessages.territoryId, elsewhere.id)),
    ).toHaveLength(0);

    // Leave with no shift under it tells nobody.
    const quiet = await request(t.app)
      .post('/api/unavailability')
      .set('Authorization', `Bearer ${own.token}`)
      .send({
        professionalId: doctor.id,
        startsAt: '2026-12-10T00:00:00Z',
        endsAt: '2026-12-11T00:00:00Z',
      });
    expect(quiet.status).toBe(201);
    expect(
      await db.select().from(smsMessages).where(eq(smsMessages.kind, 'leave_conflict')),
    ).toHaveLength(1);
  });

  it('does not text the manager who recorded it', async () => {
    const db = t.db.db;
    const territory = await aTerritory(db);
    const service = await aService(db, territory);
    const doctor = await aProfessional(db, service);
    await aShift(db, service, doctor, { level: 1 });
    const manager = await aUser(db, 'manager', {
      territories: [territory],
      professional: await aProfessional(db, service),
    });
    const res = await request(t.app)
      .post('/api/unavailability')
      .set('Authorization', `Bearer ${manager.token}`)
      .send({
        professionalId: doctor.id,
        startsAt: '2026-11-24T20:00:00Z',
        endsAt: '2026-11-25T03:00:00Z',
      });
    expect(res.status).toBe(201);
    expect(
      await db.select().from(smsMessages).where(eq(smsMessages.territoryId, territory.id)),
    ).toHaveLength(0);
  });
});
