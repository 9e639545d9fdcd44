import { and, eq } from 'drizzle-orm';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../db/seed/seed-demo.js';
import {
  callRecords,
  professionals,
  serviceMembers,
  services,
  smsMessages,
  smsOptOuts,
  territories,
  users,
} from '../../db/schema/index.js';
import { createApiToken } from '../../server/access/credentials.js';
import { followUp, nextMorning } from '../../server/sms/follow-up-job.js';
import {
  reminderJobId,
  scheduleShiftReminders,
} from '../../server/planning/reminders/shift-reminder-job.js';
import { processJob } from '../../server/workers.js';
import { createTestApp, type TestApp } from '../support/app.js';

const now = new Date('2026-11-24T10:00:00Z');
let t: TestApp;
let manager: string;
let admin: string;

beforeAll(async () => {
  t = await createTestApp({ now });
  await seedDemo(t.db.db, now);
  t.deps.onShiftChanged = async (ids) => {
    await scheduleShiftReminders(t.deps, ids);
  };
  const byRole = new Map((await t.db.db.select().from(users)).map((u) => [u.role, u.id]));
  manager = await createApiToken(t.db.db, byRole.get('manager')!, 'test');
  admin = await createApiToken(t.db.db, byRole.get('admin')!, 'test');
});
afterAll(() => t.close());

describe('shift reminders', () => {
  it('follow a moved shift, and never send twice', async () => {
    const [doctor] = await t.db.db.select().from(services).where(eq(services.kind, 'doctor'));
    // A doctor of their own, with no seeded shift to collide with.
    const [person] = await t.db.db
      .insert(professionals)
      .values({
        territoryId: doctor!.territoryId,
        name: 'Dr Test Rappel',
        profession: 'médecin généraliste',
        mobile: '+33639980070',
        icalToken: 'reminder-test',
      })
      .returning();
    // Only a member of the service can be put on its rota.
    await t.db.db
      .insert(serviceMembers)
      .values({ serviceId: doctor!.id, professionalId: person!.id });
    const created = await request(t.app)
      .post('/api/shifts')
      .set('Authorization', `Bearer ${manager}`)
      .send({
        serviceId: doctor!.id,
        professionalId: person!.id,
        level: 5,
        startsAt: '2026-11-28T05:00:00Z',
        endsAt: '2026-11-28T06:00:00Z',
      });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const v1 = await t.deps.jobs.queues.reminders.getJob(reminderJobId(id, 1, 'day-before'));
    expect(v1?.delay).toBe(Date.parse('2026-11-27T05:00:00Z') - now.getTime());

    const moved = await request(t.app)
      .patch(`/api/shifts/${id}`)
      .set('Authorization', `Bearer ${manager}`)
      .send({ startsAt: '2026-11-29T05:00:00Z', endsAt: '2026-11-29T06:00:00Z' });
    expect(moved.status).toBe(200);
    expect(
      await t.deps.jobs.queues.reminders.getJob(reminderJobId(id, 1, 'day-before')),
    ).toBeUndefined();
    const v2 = await t.deps.jobs.queues.reminders.getJob(reminderJobId(id, 2, 'two-hours'));
    expect(v2?.delay).toBe(Date.parse('2026-11-29T03:00:00Z') - now.getTime());

    // A stale job (scheduled before the move) does nothing; the current one sends once, even if run twice.
    expect(
      await processJob(t.deps, {
        name: 'shift-reminder',
        data: { shiftId: id, version: 1, when: 'day-before' },
      }),
    ).toBe('stale');
    expect(
      await processJob(t.deps, {
        name: 'shift-reminder',
        data: { shiftId: id, version: 2, when: 'day-before' },
      }),
    ).toBe('sent');
    expect(
      await processJob(t.deps, {
        name: 'shift-reminder',
        data: { shiftId: id, version: 2, when: 'day-before' },
      }),
    ).toBe('sent');
    const sent = await t.db.db
      .select()
      .from(smsMessages)
      .where(and(eq(smsMessages.kind, 'shift_reminder'), eq(smsMessages.toNumber, person!.mobile)));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).toMatch(/^Rappel garde Médecin de garde \(MMG\) : dimanche 29 novembre/);

    const cancelled = await request(t.app)
      .delete(`/api/shifts/${id}`)
      .set('Authorization', `Bearer ${manager}`);
    expect(cancelled.status).toBe(204);
    expect(
      await processJob(t.deps, {
        name: 'shift-reminder',
        data: { shiftId: id, version: 3, when: 'two-hours' },
      }),
    ).toBe('stale');
  });
});

describe('follow-up SMS', () => {
  it('goes out the next morning at 09:00 Paris time, never at night', () => {
    expect(nextMorning(new Date('2026-11-24T22:30:00Z'), 'Europe/Paris').toISOString()).toBe(
      '2026-11-25T08:00:00.000Z',
    );
    expect(nextMorning(new Date('2026-11-25T03:00:00Z'), 'Europe/Paris').toISOString()).toBe(
      '2026-11-25T08:00:00.000Z',
    );
  });

  it('is sent only after a connected call, and not to a number that said STOP', async () => {
    expect(await followUp(t.deps, { callSid: 'CA-none' })).toBe('not-applicable');
    const [territory] = await t.db.db.select().from(territories);
    const base = { territoryId: territory!.id, toNumber: '+33261910015', startedAt: now };
    await t.db.db.insert(callRecords).values([
      { ...base, callSid: 'CA-fu1', fromNumber: '+33612390001', outcome: 'connected' },
      { ...base, callSid: 'CA-fu2', fromNumber: '+33612390002', outcome: 'connected' },
      { ...base, callSid: 'CA-fu3', fromNumber: '+33612390003', outcome: 'callback' },
    ]);
    await t.db.db.insert(smsOptOuts).values({ number: '+33612390002' });
    expect(await followUp(t.deps, { callSid: 'CA-fu1' })).toBe('sent');
    expect(await followUp(t.deps, { callSid: 'CA-fu2' })).toBe('opted-out');
    expect(await followUp(t.deps, { callSid: 'CA-fu3' })).toBe('not-applicable');
    const [sms] = await t.db.db.select().from(smsMessages).where(eq(smsMessages.callSid, 'CA-fu1'));
    expect(sms!.body).toMatch(/Répondez 1 si ça va mieux, 2 sinon/);
  });
});

describe('bull-board', () => {
  it('is behind admin authentication', async () => {
    expect((await request(t.app).get('/admin/queues/api/queues')).status).toBe(303);
    expect(
      (
        await request(t.app)
          .get('/admin/queues/api/queues')
          .set('Authorization', `Bearer ${manager}`)
      ).status,
    ).toBe(403);
    const ok = await request(t.app)
      .get('/admin/queues/api/queues')
      .set('Authorization', `Bearer ${admin}`);
    expect(ok.status).toBe(200);
    expect(ok.body.queues.map((q: { name: string }) => q.name).sort()).toEqual([
      'callbacks',
      'maintenance',
      'reminders',
      'sms',
    ]);
  });
});
