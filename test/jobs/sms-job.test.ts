import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smsMessages } from '../../db/schema/index.js';
import { queueSms } from '../../server/sms/queue-sms.js';
import { startWorkers, type Workers } from '../../server/workers.js';
import { startLiveService, type LiveService } from '../support/live.js';

const line = '+33261910015';

describe.each(['redis', 'postgres'] as const)('the send-sms job on %s', (queue) => {
  let s: LiveService;
  let workers: Workers;
  beforeAll(async () => {
    s = await startLiveService({ queue });
    workers = startWorkers(s.deps, ['sms']);
  });
  afterAll(async () => {
    await workers.close();
    await s.close();
  });

  const send = (to: string, kind = 'test') =>
    queueSms(s.deps, {
      territoryId: null,
      to,
      from: line,
      body: `Message ${kind}`,
      kind,
      essential: true,
    });
  const row = async (id: string) =>
    (await s.db.db.select().from(smsMessages).where(eq(smsMessages.id, id)))[0]!;

  it('sends through Twilio and tracks delivery from the status callback', async () => {
    const id = (await send('+33612340001'))!;
    await s.emulator.phone('+33612340001').receives(/Message test/);
    await expect.poll(async () => (await row(id)).status, { timeout: 8000 }).toBe('delivered');
    expect((await row(id)).twilioSid).toMatch(/^SM[0-9a-f]{32}$/);
  });

  it('retries a 500 and a 429 from Twilio, then sends once', async () => {
    s.emulator.failNext({ path: 'Messages', status: 500, times: 1 });
    s.emulator.failNext({ path: 'Messages', status: 429, code: 20429, times: 1 });
    const id = (await send('+33612340002', 'retry'))!;
    await s.emulator.phone('+33612340002').receives(/Message retry/, { timeoutMs: 30_000 });
    await expect.poll(async () => (await row(id)).twilioSid, { timeout: 8000 }).not.toBeNull();
    expect(s.emulator.messages({ to: '+33612340002' })).toHaveLength(1);
  }, 40_000);

  it('gives up at once on a number that cannot receive SMS (21614), and on an invalid number (21211)', async () => {
    const fixed = (await send('+33297000000', 'fixed'))!;
    const invalid = (await send('+3312', 'invalid'))!;
    await expect
      .poll(async () => [(await row(fixed)).errorCode, (await row(invalid)).errorCode], {
        timeout: 8000,
      })
      .toEqual([21614, 21211]);
    const job = await s.deps.jobs.queues.sms.getJob(`sms-${fixed}`);
    expect(job?.attemptsMade).toBe(1);
    expect(await job?.isFailed()).toBe(true);
  });

  it('never sends the same row twice, even when the job is queued twice', async () => {
    const id = (await send('+33612340003', 'dedupe'))!;
    await s.deps.jobs.queues.sms.add('send-sms', { smsId: id }, { jobId: `sms-${id}` });
    await s.emulator.phone('+33612340003').receives(/Message dedupe/);
    await new Promise((r) => setTimeout(r, 500));
    expect(s.emulator.messages({ to: '+33612340003' })).toHaveLength(1);
  });
});
