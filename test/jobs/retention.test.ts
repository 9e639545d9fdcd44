import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callbackAttempts,
  callbackRequests,
  consultationBookings,
  sessions,
  smsMessages,
  territories,
} from '../../db/schema/index.js';
import { defaultTerritorySettings } from '../../db/schema/settings.js';
import { retentionPurge } from '../../server/platform/retention-purge-job.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { aProfessional, aService, aTerritory, type Territory } from '../support/factories.js';

/**
 * The retention purge (issue 14): callback requests and attempts (patients' numbers in clear),
 * inbound SMS to a number of no territory, inbound free text sooner than other SMS, expired
 * sessions. Rows are dated in the past; the job runs at `now`.
 */
const now = new Date('2026-11-24T03:30:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 24 * 3600_000);
let t: TestApp;
let territory: Territory;
let sms = 0;

beforeAll(async () => {
  t = await createTestApp({ now });
  territory = await aTerritory(t.db.db);
});
afterAll(() => t.close());

const purge = () => retentionPurge({ db: t.deps.db, now: () => now });

async function aCallback(createdAt: Date, patientNumber: string) {
  const [row] = await t.db.db
    .insert(callbackRequests)
    .values({
      territoryId: territory.id,
      patientNumber,
      reason: 'no_answer',
      status: 'done',
      createdAt,
      dueBy: new Date(createdAt.getTime() + 30 * 60_000),
    })
    .returning();
  await t.db.db
    .insert(callbackAttempts)
    .values({ callbackId: row!.id, attempt: 1, status: 'patient_answered', createdAt });
  return row!;
}

async function anSms(fields: {
  territoryId: string | null;
  direction: 'inbound' | 'outbound';
  kind: string;
  createdAt: Date;
}) {
  sms += 1;
  const [row] = await t.db.db
    .insert(smsMessages)
    .values({
      ...fields,
      toNumber: territory.number,
      fromNumber: `+336399800${String(sms).padStart(2, '0')}`,
      body: 'j’ai mal au ventre depuis hier',
      status: 'received',
    })
    .returning();
  return row!;
}

const exists = async (table: typeof smsMessages | typeof callbackRequests, id: string) =>
  (await t.db.db.select().from(table).where(eq(table.id, id))).length === 1;

describe('the retention purge', () => {
  it('deletes callback requests and their attempts past the call records retention', async () => {
    const days = defaultTerritorySettings.retention.callRecordsDays;
    const old = await aCallback(daysAgo(days + 1), '+33612000001');
    const recent = await aCallback(daysAgo(days - 1), '+33612000002');
    await purge();
    expect(await exists(callbackRequests, old.id)).toBe(false);
    expect(
      await t.db.db.select().from(callbackAttempts).where(eq(callbackAttempts.callbackId, old.id)),
    ).toEqual([]);
    expect(await exists(callbackRequests, recent.id)).toBe(true);
  });

  it('deletes MMG consultation bookings whose slot is past the call records retention', async () => {
    const days = defaultTerritorySettings.retention.callRecordsDays;
    const mmg = await aService(t.db.db, territory);
    const doctor = await aProfessional(t.db.db, mmg);
    const booking = (slotStartsAt: Date, patientNumber: string) =>
      t.db.db
        .insert(consultationBookings)
        .values({
          territoryId: territory.id,
          serviceId: mmg.id,
          slotStartsAt,
          patientNumber,
          status: 'honoured',
          bookedBy: doctor.id,
        })
        .returning()
        .then((rows) => rows[0]!);
    const old = await booking(daysAgo(days + 1), '+33612000011');
    const recent = await booking(daysAgo(days - 1), '+33612000012');
    await purge();
    const left = await t.db.db
      .select({ id: consultationBookings.id })
      .from(consultationBookings)
      .where(eq(consultationBookings.territoryId, territory.id));
    expect(left.map((b) => b.id)).toEqual([recent.id]);
    expect(old.id).not.toBe(recent.id);
  });

  it('keeps inbound free text 30 days (a setting), other SMS for the SMS retention', async () => {
    const freeText = await anSms({
      territoryId: territory.id,
      direction: 'inbound',
      kind: 'unknown',
      createdAt: daysAgo(31),
    });
    const freshText = await anSms({
      territoryId: territory.id,
      direction: 'inbound',
      kind: 'unknown',
      createdAt: daysAgo(29),
    });
    const stop = await anSms({
      territoryId: territory.id,
      direction: 'inbound',
      kind: 'stop',
      createdAt: daysAgo(31),
    });
    const reminder = await anSms({
      territoryId: territory.id,
      direction: 'outbound',
      kind: 'shift_reminder',
      createdAt: daysAgo(31),
    });
    await purge();
    expect(await exists(smsMessages, freeText.id)).toBe(false);
    expect(await exists(smsMessages, freshText.id)).toBe(true);
    expect(await exists(smsMessages, stop.id)).toBe(true);
    expect(await exists(smsMessages, reminder.id)).toBe(true);

    // A territory that chose 60 days keeps a 31-day-old text.
    await t.db.db
      .update(territories)
      .set({
        settings: {
          ...territory.settings,
          retention: { ...territory.settings.retention, inboundFreeTextDays: 60 },
        },
      })
      .where(eq(territories.id, territory.id));
    const kept = await anSms({
      territoryId: territory.id,
      direction: 'inbound',
      kind: 'unknown',
      createdAt: daysAgo(31),
    });
    await purge();
    expect(await exists(smsMessages, kept.id)).toBe(true);
  });

  it('deletes inbound SMS whose territory is unknown after the free-text period', async () => {
    const lost = await anSms({
      territoryId: null,
      direction: 'inbound',
      kind: 'unknown',
      createdAt: daysAgo(31),
    });
    const lostStop = await anSms({
      territoryId: null,
      direction: 'inbound',
      kind: 'stop',
      createdAt: daysAgo(40),
    });
    const fresh = await anSms({
      territoryId: null,
      direction: 'inbound',
      kind: 'unknown',
      createdAt: daysAgo(2),
    });
    await purge();
    expect(await exists(smsMessages, lost.id)).toBe(false);
    expect(await exists(smsMessages, lostStop.id)).toBe(false);
    expect(await exists(smsMessages, fresh.id)).toBe(true);
  });

  it('deletes expired sessions, keeps live ones', async () => {
    await t.db.db.insert(sessions).values([
      { sid: 'expired-anonymous', sess: {}, expire: daysAgo(1) },
      { sid: 'live', sess: {}, expire: new Date(now.getTime() + 3600_000) },
    ]);
    await purge();
    const left = (await t.db.db.select({ sid: sessions.sid }).from(sessions)).map((s) => s.sid);
    expect(left).toContain('live');
    expect(left).not.toContain('expired-anonymous');
  });
});
