import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestCallback } from '../../server/callbacks/store.js';
import { callbackAttempts } from '../../db/schema/index.js';
import { flushCallbackOutbox } from '../../server/callbacks/outbox.js';
import { callbackJobId } from '../../server/platform/enqueue.js';
import { testRedisUrl } from '../support/env.js';
import { aProfessional, aService, aShift, aTerritory } from '../support/factories.js';
import { startLiveService, type LiveService } from '../support/live.js';

/**
 * `npm run worker` as its own process, SIGKILLed while a callback job waits on Twilio's REST API.
 * A slow proxy in front of the emulator holds the Calls.json request: the killed worker's call
 * never reaches Twilio, the job goes back to the queue as stalled, and the restarted worker
 * rings the doctor exactly once. The workers run with a short lock and stalled check (the
 * production defaults, 15 s and 10 s, would make each stall cost ~25 s): same code, sooner.
 */
const prefix = `glkill${Math.floor(Math.random() * 1e6)}`;
let s: LiveService;
let territoryId: string;
/** On duty now (the worker runs on the real clock): the first contact every callback rings. */
let doctor: string;
let proxy: Server;
let proxyUrl: string;
/** The `To` of every Calls.json request the proxy received (held, then forwarded or dropped). */
const creates: string[] = [];
const createsTo = (doctor: string) => creates.filter((to) => to === doctor).length;
/** Where the proxy holds Calls.json: before Twilio hears of it, or after Twilio created the call. */
let holdAfterCreate = false;

beforeAll(async () => {
  s = await startLiveService({ queuePrefix: prefix });
  const db = s.db.db;
  const territory = await aTerritory(db);
  const doctors = await aService(db, territory);
  const tonight = {
    startsAt: new Date(Date.now() - 3600_000),
    endsAt: new Date(Date.now() + 11 * 3600_000),
  };
  const primary = await aProfessional(db, doctors);
  await aShift(db, doctors, primary, { level: 1, ...tonight });
  await aShift(db, doctors, await aProfessional(db, doctors), { level: 2, ...tonight });
  territoryId = territory.id;
  doctor = primary.mobile;
  proxy = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', async () => {
      const create = req.method === 'POST' && req.url?.endsWith('/Calls.json');
      if (create) creates.push(new URLSearchParams(body).get('To') ?? '');
      if (create && !holdAfterCreate) {
        await new Promise((r) => setTimeout(r, 1500));
        if (req.socket.destroyed) return; // the worker died: Twilio never hears of this call
      }
      const upstream = await fetch(`${s.emulator.url}${req.url}`, {
        method: req.method,
        headers: {
          'content-type': String(req.headers['content-type'] ?? ''),
          authorization: String(req.headers.authorization ?? ''),
        },
        ...(req.method === 'POST' ? { body } : {}),
      });
      const text = await upstream.text();
      // Twilio has created the call; the worker dies before it reads the SID.
      if (create && holdAfterCreate) await new Promise((r) => setTimeout(r, 1500));
      if (res.destroyed) return;
      res.writeHead(upstream.status, {
        'content-type': upstream.headers.get('content-type') ?? 'application/json',
      });
      res.end(text);
    });
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', () => r()));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
}, 60_000);
afterAll(async () => {
  proxy.closeAllConnections();
  await new Promise((r) => proxy.close(r));
  await s.close();
});

function startWorker(): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'scripts/worker.ts'], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      LOG_LEVEL: 'silent',
      DATABASE_URL: s.db.url,
      REDIS_URL: testRedisUrl,
      QUEUE_PREFIX: prefix,
      TWILIO_API_URL: proxyUrl,
      TWILIO_ACCOUNT_SID: s.emulator.accountSid,
      TWILIO_AUTH_TOKEN: s.emulator.authToken,
      PUBLIC_URL: s.url,
      WORKER_LOCK_MS: '3000',
      WORKER_STALLED_INTERVAL_MS: '1000',
    },
    stdio: 'ignore',
  });
}

/** A callback request handed to the queue: its first ring goes to `doctor`. */
async function newCallback(patient: string): Promise<{ callbackId: string; doctor: string }> {
  const { callback } = await requestCallback(s.db.db, {
    territoryId,
    serviceId: null,
    callSid: null,
    patientNumber: patient,
    lang: 'fr',
    reason: 'caller_asked',
    dueBy: new Date(Date.now() + 1800_000),
  });
  await flushCallbackOutbox(s.deps);
  return { callbackId: callback.id, doctor };
}

const ringsTo = (doctor: string) =>
  s.emulator.calls().filter((c) => c.to === doctor && c.direction === 'outbound-api').length;

async function stop(worker: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  worker.kill(signal);
  await new Promise((r) =>
    worker.exitCode !== null || worker.signalCode !== null ? r(null) : worker.once('exit', r),
  );
}

/** A fresh worker takes the callback's first job (stalled back) to the end; returns what the job returned. */
async function completeWithFreshWorker(callbackId: string): Promise<unknown> {
  const worker = startWorker();
  try {
    const jobId = callbackJobId(callbackId, 1, 0);
    await expect
      .poll(async () => (await s.deps.jobs.queues.callbacks.getJob(jobId))!.getState(), {
        timeout: 60_000,
        interval: 500,
      })
      .toBe('completed');
    return (await s.deps.jobs.queues.callbacks.getJob(jobId))!.returnvalue;
  } finally {
    await stop(worker, 'SIGTERM');
  }
}

describe('a worker killed with SIGKILL during a callback', () => {
  it('loses nothing: the job completes after restart and the doctor is rung exactly once', async () => {
    const { callbackId, doctor } = await newCallback('+33612380001');
    s.emulator.phone(doctor).behave({ answer: 'never' });

    const first = startWorker();
    await expect.poll(() => createsTo(doctor), { timeout: 20_000, interval: 50 }).toBe(1);
    await stop(first, 'SIGKILL');
    expect(s.emulator.calls().filter((c) => c.to === doctor)).toHaveLength(0);

    await completeWithFreshWorker(callbackId);
    expect(ringsTo(doctor)).toBe(1);
    // Asked twice (the killed worker, then the fresh one). The backup's ring that may follow the
    // doctor's no-answer before the worker stops is another job, with its own attempt row.
    expect(createsTo(doctor)).toBe(2);
    const attempts = await s.db.db
      .select()
      .from(callbackAttempts)
      .where(
        and(eq(callbackAttempts.callbackId, callbackId), eq(callbackAttempts.contactIndex, 0)),
      );
    expect(attempts).toHaveLength(1);
    expect(attempts[0]!.callSid).toMatch(/^CA/);
  }, 120_000);

  it('a worker killed after Twilio created the call but before it read the SID: the doctor is still rung once', async () => {
    holdAfterCreate = true;
    const { callbackId, doctor } = await newCallback('+33612380002');
    const before = ringsTo(doctor);

    const first = startWorker();
    await expect.poll(() => ringsTo(doctor), { timeout: 20_000, interval: 50 }).toBe(before + 1);
    await stop(first, 'SIGKILL');
    // Twilio's 'initiated' status webhook told the service the SID the dead worker never read.
    await expect
      .poll(
        async () =>
          (
            await s.db.db
              .select()
              .from(callbackAttempts)
              .where(eq(callbackAttempts.callbackId, callbackId))
          )[0]?.callSid ?? null,
        { timeout: 10_000 },
      )
      .toMatch(/^CA/);

    expect(await completeWithFreshWorker(callbackId)).toBe('already-rang');
    expect(ringsTo(doctor)).toBe(before + 1);
  }, 120_000);

  it('a job whose worker is killed twice (two stalls) still completes, with one ring', async () => {
    holdAfterCreate = false;
    const { callbackId, doctor } = await newCallback('+33612380003');
    const before = ringsTo(doctor);
    const asked = createsTo(doctor);
    for (const expectedAsked of [asked + 1, asked + 2]) {
      const doomed = startWorker();
      await expect
        .poll(() => createsTo(doctor), { timeout: 60_000, interval: 50 })
        .toBe(expectedAsked);
      await stop(doomed, 'SIGKILL');
    }
    await completeWithFreshWorker(callbackId);
    expect(ringsTo(doctor)).toBe(before + 1);
  }, 180_000);
});
