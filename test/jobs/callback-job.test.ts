import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestCallback } from '../../server/callbacks/store.js';
import { callbackAttempts, callbackRequests } from '../../db/schema/index.js';
import { flushCallbackOutbox } from '../../server/callbacks/outbox.js';
import { callbackJobId } from '../../server/platform/enqueue.js';
import { processJob, startWorkers, type Workers } from '../../server/workers.js';
import { aProfessional, aService, aShift, aTerritory } from '../support/factories.js';
import { startLiveService, type LiveService } from '../support/live.js';

const night = new Date('2026-11-24T21:00:00Z'); // within the builders' default shift

describe.each(['redis', 'postgres'] as const)('the callback job on %s', (queue) => {
  let s: LiveService;
  let workers: Workers;
  let territoryId: string;
  let primary: string;
  let backup: string;
  beforeAll(async () => {
    s = await startLiveService({ queue, now: night });
    const db = s.db.db;
    const territory = await aTerritory(db);
    const doctors = await aService(db, territory);
    const [first, second] = [await aProfessional(db, doctors), await aProfessional(db, doctors)];
    await aShift(db, doctors, first, { level: 1 });
    await aShift(db, doctors, second, { level: 2 });
    territoryId = territory.id;
    [primary, backup] = [first.mobile, second.mobile];
    workers = startWorkers(s.deps, ['callbacks', 'sms']);
  });
  afterAll(async () => {
    await workers.close();
    await s.close();
  });

  const newCallback = async (patient: string) => {
    const { callback } = await requestCallback(s.db.db, {
      territoryId,
      serviceId: null,
      callSid: null,
      patientNumber: patient,
      lang: 'fr',
      reason: 'caller_asked',
      dueBy: new Date(night.getTime() + 1800_000),
    });
    await flushCallbackOutbox(s.deps);
    return callback.id;
  };
  const statusOf = async (id: string) =>
    (await s.db.db.select().from(callbackRequests).where(eq(callbackRequests.id, id)))[0]!.status;

  it('rings the on-duty doctor, who presses 1 and is bridged to the patient: done', async () => {
    const id = await newCallback('+33612350001');
    const ring = await s.emulator.phone(primary).rings({ timeoutMs: 10_000 });
    await ring.answer();
    await ring.hears(/Rappel d'un patient.*appuyez sur 1/i);
    await ring.press('1');
    const patient = await s.emulator.phone('+33612350001').rings();
    await patient.answer();
    await patient.hears(/Un médecin vous rappelle.*tapez 1/);
    await patient.press('1');
    await patient.isConnectedTo(primary);
    await patient.hangup();
    await expect.poll(() => statusOf(id), { timeout: 8000 }).toBe('done');
  });

  it('a centre15 territory rings no doctor: the callback is cancelled, the patient told to dial', async () => {
    const db = s.db.db;
    const territory = await aTerritory(db, {
      regulationMode: 'centre15',
      regionalRegulationNumber: '116117',
    });
    const doctors = await aService(db, territory);
    const doctor = await aProfessional(db, doctors);
    await aShift(db, doctors, doctor, { level: 1 });
    // Pending from before the territory switched to centre15.
    const patient = '+33612350009';
    const { callback } = await requestCallback(db, {
      territoryId: territory.id,
      serviceId: null,
      callSid: null,
      patientNumber: patient,
      lang: 'fr',
      reason: 'caller_asked',
      dueBy: new Date(night.getTime() + 1800_000),
    });
    await flushCallbackOutbox(s.deps);
    await expect.poll(() => statusOf(callback.id), { timeout: 8000 }).toBe('cancelled');
    await expect
      .poll(() => s.emulator.messages({ to: patient }).map((m) => m.body), { timeout: 8000 })
      .toEqual([expect.stringMatching(/appelez le 116 117/)]);
    expect(s.emulator.calls().filter((c) => c.to === doctor.mobile)).toEqual([]);
  });

  it("a doctor's voicemail does not count: the backup is rung next", async () => {
    s.emulator.phone(primary).behave({ answer: 'voicemail', answerAfterMs: 1000 });
    const id = await newCallback('+33612350002');
    const ring = await s.emulator.phone(backup).rings({ timeoutMs: 15_000 });
    await ring.answer();
    await ring.press('1');
    const patient = await s.emulator.phone('+33612350002').rings();
    await patient.answer();
    await patient.press('1');
    await patient.isConnectedTo(backup);
    await patient.hangup();
    await expect.poll(() => statusOf(id), { timeout: 8000 }).toBe('done');
    s.emulator.phone(primary).behave({ answer: 'manual' });
  });

  it('a patient who does not answer is tried again 5 minutes later', async () => {
    s.emulator.phone('+33612350003').behave({ answer: 'never' });
    const id = await newCallback('+33612350003');
    const ring = await s.emulator.phone(primary).rings({ timeoutMs: 10_000 });
    await ring.answer();
    await ring.press('1');
    await ring.hears(/ne répond pas.*nouvel essai/);
    const next = await s.deps.jobs.queues.callbacks.getJob(callbackJobId(id, 2, 0));
    expect(next).toBeDefined();
    expect(await next!.isDelayed()).toBe(true);
    expect(
      (await s.db.db.select().from(callbackRequests).where(eq(callbackRequests.id, id)))[0]!
        .attempts,
    ).toBe(1);
    await next!.remove();
  });

  it("a patient's voicemail does not count as called back: tried again 5 minutes later", async () => {
    s.emulator.phone('+33612350005').behave({ answer: 'voicemail', answerAfterMs: 1000 });
    const id = await newCallback('+33612350005');
    const ring = await s.emulator.phone(primary).rings({ timeoutMs: 10_000 });
    await ring.answer();
    await ring.press('1');
    await ring.hears(/ne répond pas.*nouvel essai/);
    expect(await statusOf(id)).not.toBe('done');
    const next = await s.deps.jobs.queues.callbacks.getJob(callbackJobId(id, 2, 0));
    expect(await next!.isDelayed()).toBe(true);
    const [attempt] = await s.db.db
      .select()
      .from(callbackAttempts)
      .where(eq(callbackAttempts.callbackId, id));
    expect(attempt!.status).toBe('patient_no_answer');
    await next!.remove();
  });

  it('never rings the same doctor twice for one attempt, even if the job runs again', async () => {
    s.emulator.phone(primary).behave({ answer: 'never' });
    const { callback } = await requestCallback(s.db.db, {
      territoryId,
      serviceId: null,
      callSid: null,
      patientNumber: '+33612350004',
      lang: 'fr',
      reason: 'caller_asked',
      dueBy: night,
    });
    const job = {
      name: 'callback',
      data: { callbackId: callback.id, attempt: 1, contactIndex: 0 },
    };
    const first = await processJob(s.deps, job);
    const again = await processJob(s.deps, job);
    expect(first).toMatch(/^CA/);
    expect(again).toBe('already-rang');
    expect(
      await s.db.db
        .select()
        .from(callbackAttempts)
        .where(eq(callbackAttempts.callbackId, callback.id)),
    ).toHaveLength(1);
    s.emulator.phone(primary).behave({ answer: 'manual' });
  });
});
