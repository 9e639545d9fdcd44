import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smsMessages } from '../../db/schema/index.js';
import { createQueueFactory } from '../../server/platform/queue-backend.js';
import { createJobs, type Jobs } from '../../server/platform/queues.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { testRedisUrl } from '../support/env.js';

/**
 * `npm run worker` receives SIGTERM while a job waits on a Twilio that does not answer: it exits
 * 0 within 10 s, and the job is not lost: the next worker takes it once its lock expired.
 */
const prefix = `gltest-${randomBytes(4).toString('hex')}`;
let db: TestDatabase;
let jobs: Jobs;
let twilio: Server;
let twilioAnswers = false;
let twilioCalls = 0;
const children: ChildProcess[] = [];
beforeAll(async () => {
  db = await createTestDatabase();
  jobs = createJobs(createQueueFactory({ kind: 'redis', url: testRedisUrl, prefix }));
  // Twilio's Messages endpoint: hangs until told to answer, then answers as Twilio does.
  twilio = createServer((req, res) => {
    twilioCalls += 1;
    req.resume();
    if (!twilioAnswers) return;
    res.writeHead(201, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ sid: `SM${randomBytes(16).toString('hex')}`, status: 'queued' }));
  });
  await new Promise<void>((resolve) => twilio.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  twilio.closeAllConnections();
  twilio.close();
  await jobs.close();
  await db.drop();
});

function startWorker(): { exited: Promise<number | null>; output: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/worker.ts'], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATABASE_URL: db.url,
      REDIS_URL: testRedisUrl,
      QUEUE_PREFIX: prefix,
      TWILIO_API_URL: `http://127.0.0.1:${(twilio.address() as AddressInfo).port}`,
      WORKER_LOCK_MS: '2000',
      WORKER_STALLED_INTERVAL_MS: '1000',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { exited, output: () => output };
}

describe('npm run worker on SIGTERM', () => {
  it('exits 0 within 10 s with a job still waiting on Twilio, and the next worker sends it', async () => {
    const [sms] = await db.db
      .insert(smsMessages)
      .values({
        direction: 'outbound',
        kind: 'test',
        toNumber: '+33612340099',
        fromNumber: '+33261910015',
        body: 'Message test',
      })
      .returning();
    await jobs.queues.sms.add('send-sms', { smsId: sms!.id });

    const first = startWorker();
    await expect.poll(() => twilioCalls, { timeout: 30_000, interval: 100 }).toBeGreaterThan(0);
    const termAt = Date.now();
    children[0]!.kill('SIGTERM');
    const code = await first.exited;
    expect(Date.now() - termAt).toBeLessThan(10_000);
    expect(code, first.output()).toBe(0);

    twilioAnswers = true;
    const second = startWorker();
    await expect
      .poll(
        async () =>
          (await db.db.select().from(smsMessages).where(eq(smsMessages.id, sms!.id)))[0]!.twilioSid,
        { timeout: 30_000, interval: 250 },
      )
      .toMatch(/^SM/);
    children[1]!.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 90_000);
});
