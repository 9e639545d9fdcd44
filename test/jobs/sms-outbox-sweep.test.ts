import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smsMessages } from '../../db/schema/index.js';
import { sweepSmsOutbox } from '../../server/sms/sms-outbox-sweep.js';
import { startWorkers, type Workers } from '../../server/workers.js';
import { aTerritory, type Territory } from '../support/factories.js';
import { startLiveService, type LiveService } from '../support/live.js';

/*
 * An SMS row written while the queue was down stays 'queued' with no job: the minute sweep hands
 * it to the queue, once, and leaves alone rows still on their way and rows Twilio already has.
 */
const now = new Date('2026-11-24T21:00:00Z');
let s: LiveService;
let workers: Workers;
let territory: Territory;

beforeAll(async () => {
  s = await startLiveService({ now });
  territory = await aTerritory(s.db.db);
  workers = startWorkers(s.deps, ['sms']);
});
afterAll(async () => {
  await workers.close();
  await s.close();
});

const aQueuedRow = async (to: string, createdAt: Date, twilioSid: string | null = null) =>
  s.db.db.insert(smsMessages).values({
    territoryId: territory.id,
    direction: 'outbound',
    kind: 'consultation_booked',
    toNumber: to,
    fromNumber: territory.number,
    body: 'Territoire : rendez-vous à 22 h 00.',
    status: 'queued',
    twilioSid,
    createdAt,
  });

describe('the SMS outbox sweep', () => {
  it('sends a queued row that has no job, once; leaves fresh and already-sent rows', async () => {
    const kept = '+33612880001';
    const fresh = '+33612880002';
    const sent = '+33612880003';
    await aQueuedRow(kept, new Date(now.getTime() - 5 * 60_000));
    await aQueuedRow(fresh, new Date(now.getTime() - 10_000));
    await aQueuedRow(
      sent,
      new Date(now.getTime() - 5 * 60_000),
      'SMalreadysent000000000000000000001',
    );
    expect(await sweepSmsOutbox(s.deps)).toBe('handed 1 SMS to the queue');
    await expect.poll(() => s.emulator.messages({ to: kept }).length, { timeout: 8000 }).toBe(1);
    // Sent: the row has its Twilio sid, the next sweep finds nothing to hand over.
    await expect
      .poll(() => sweepSmsOutbox(s.deps), { timeout: 8000 })
      .toBe('handed 0 SMS to the queue');
    expect(s.emulator.messages({ to: kept })).toHaveLength(1);
    expect(s.emulator.messages({ to: fresh })).toHaveLength(0);
    expect(s.emulator.messages({ to: sent })).toHaveLength(0);
  });
});
