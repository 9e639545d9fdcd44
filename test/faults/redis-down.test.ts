import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callbackRequests } from '../../db/schema/index.js';
import { flushCallbackOutbox } from '../../server/callbacks/outbox.js';
import { callbackJobId } from '../../server/platform/enqueue.js';
import {
  aProfessional,
  aService,
  aShift,
  aTerritory,
  type Professional,
} from '../support/factories.js';
import { startLiveService, type LiveService } from '../support/live.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';

const line = '+33261910015'; // the number startLiveService wires to the app
const night = new Date('2026-11-24T21:00:00Z'); // within the builders' default shift
let proxy: TcpProxy;
let s: LiveService;
let doctorsOnDuty: Professional[];

beforeAll(async () => {
  proxy = await startTcpProxy(6379);
  s = await startLiveService({ now: night, redisUrl: `redis://127.0.0.1:${proxy.port}` });
  const doctors = await aService(s.db.db, await aTerritory(s.db.db, { number: line }));
  doctorsOnDuty = [await aProfessional(s.db.db, doctors), await aProfessional(s.db.db, doctors)];
  await aShift(s.db.db, doctors, doctorsOnDuty[0]!, { level: 1 });
  await aShift(s.db.db, doctors, doctorsOnDuty[1]!, { level: 2 });
});
afterAll(async () => {
  proxy.restore();
  await s.close();
  await proxy.close();
});

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
