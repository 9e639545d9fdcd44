import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callbackRequests } from '../../db/schema/index.js';
import { defaultTerritorySettings } from '../../db/schema/settings.js';
import { flushCallbackOutbox } from '../../server/callbacks/outbox.js';
import { breakerTripCount } from '../../server/line/database-breaker.js';
import { callbackJobId } from '../../server/platform/enqueue.js';
import {
  aProfessional,
  aService,
  aShift,
  aTerritory,
  type Professional,
} from '../support/factories.js';
import { startLiveService, type LiveService } from '../support/live.js';
import { startStallingProxy, type StallingProxy } from '../support/stalling-proxy.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';

const line = '+33261910015'; // the number startLiveService wires to the app
const night = new Date('2026-11-24T21:00:00Z'); // within the builders' default shift
let proxy: TcpProxy;
// Redis through two proxies: one cuts (down), one stalls (hung). PostgreSQL through one that cuts.
let hang: StallingProxy;
let pg: TcpProxy;
let s: LiveService;
let doctorsOnDuty: Professional[];

beforeAll(async () => {
  hang = await startStallingProxy(6379);
  proxy = await startTcpProxy(hang.port);
  pg = await startTcpProxy(5432);
  s = await startLiveService({
    now: night,
    redisUrl: `redis://127.0.0.1:${proxy.port}`,
    databaseUrlFor: (url) => url.replace(':5432/', `:${pg.port}/`),
  });
  const territory = await aTerritory(s.db.db, {
    number: line,
    fallbackNumber: '+33299000015',
    settings: { ...defaultTerritorySettings, followUpSms: true },
  });
  const doctors = await aService(s.db.db, territory);
  doctorsOnDuty = [await aProfessional(s.db.db, doctors), await aProfessional(s.db.db, doctors)];
  await aShift(s.db.db, doctors, doctorsOnDuty[0]!, { level: 1 });
  await aShift(s.db.db, doctors, doctorsOnDuty[1]!, { level: 2 });
});
afterAll(async () => {
  proxy.restore();
  hang.resume();
  pg.restore();
  await s.close();
  await Promise.all([proxy.close(), hang.close(), pg.close()]);
});
const rows = async (query: string) => (await s.db.sql.unsafe(query)) as Record<string, unknown>[];

describe('Redis goes away', () => {
  it('voice routing is unaffected, and a callback request waits in PostgreSQL until Redis is back', async () => {
    proxy.cut();
    for (const doctor of doctorsOnDuty) s.emulator.phone(doctor.mobile).behave({ answer: 'never' });
    const call = await s.emulator.phone('+33612370001').dial(line);
    await call.hears(/tapez 1/);
    await call.press('1');
    await call.hears(/Nous appelons le médecin de garde/);
    await call.hears(/demande de rappel est enregistrée/);
    await call.ended();
    const [request] = await s.db.db
      .select()
      .from(callbackRequests)
      .where(eq(callbackRequests.callSid, call.sid));
    expect(request).toMatchObject({ status: 'pending', enqueuedAt: null });

    proxy.restore();
    await expect
      .poll(
        async () =>
          flushCallbackOutbox(s.deps).then(() =>
            s.db.db.select().from(callbackRequests).where(eq(callbackRequests.id, request!.id)),
          ),
        { timeout: 10_000 },
      )
      .toEqual([expect.objectContaining({ enqueuedAt: expect.any(Date) })]);
    const job = await s.deps.jobs.queues.callbacks.getJob(callbackJobId(request!.id, 1, 0));
    expect(job?.data).toMatchObject({ callbackId: request!.id });
    expect(s.emulator.errors()).toEqual([]);
  });
});

describe('Redis hangs (connections open, no answer)', () => {
  it('does not open the database breaker: a connected call and a callback are recorded as they happened', async () => {
    const trips = breakerTripCount();
    for (const doctor of doctorsOnDuty)
      s.emulator.phone(doctor.mobile).behave({ answer: 'manual' });
    hang.stall();
    try {
      // Connected: the next-morning follow-up cannot be queued (Redis hangs), the record is right.
      const call = await s.emulator.phone('+33612370002').dial(line);
      await call.hears(/tapez 1/);
      await call.press('1');
      const ring = await s.emulator.phone(doctorsOnDuty[0]!.mobile).rings();
      await ring.answer();
      await ring.press('1');
      await call.isConnectedTo(doctorsOnDuty[0]!.mobile);
      await call.hangup();
      await expect
        .poll(
          async () =>
            rows(`select outcome, status from call_records where call_sid = '${call.sid}'`),
          { timeout: 10_000 },
        )
        .toEqual([{ outcome: 'connected', status: 'completed' }]);

      // A callback: stored in PostgreSQL (the queue gets it later), so the promise is true.
      const asks = await s.emulator.phone('+33612370003').dial(line);
      await asks.hears(/tapez 3/);
      await asks.press('3');
      await asks.hears(/demande de rappel est enregistrée/);
      await asks.ended();
      expect(
        await rows(`select status from callback_requests where call_sid = '${asks.sid}'`),
      ).toEqual([{ status: 'pending' }]);
      expect(breakerTripCount()).toBe(trips);
      expect(s.emulator.errors()).toEqual([]);
    } finally {
      hang.resume();
    }
  }, 40_000);
});

describe('PostgreSQL and Redis both down', () => {
  it('a caller asking for a callback is not promised one: the staffed line instead', async () => {
    const call = await s.emulator.phone('+33612370004').dial(line);
    await call.hears(/tapez 3/);
    pg.cut();
    proxy.cut();
    try {
      await call.press('3');
      await call.hears(/permanence/);
      const said = call.transcript().join(' ');
      expect(said).not.toMatch(/enregistrée/);
      await call.hangup();
      expect(s.emulator.errors()).toEqual([]);
    } finally {
      pg.restore();
      proxy.restore();
    }
  }, 30_000);
});
