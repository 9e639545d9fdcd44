/**
 * Worker SIGKILL trials (`npx tsx scripts/bench/worker-kill.ts`, BENCH_KILLS default 100):
 * each round queues a few callback requests, starts two `npm run worker` processes and SIGKILLs
 * them at a random moment while a Calls.json request is under way (a trial), until that many
 * trials were made. Then one worker finishes the work and every callback is checked: rung (nothing
 * lost) and each (callback, round, contact) rung once (nothing duplicated).
 *
 * Twilio sits behind a proxy that holds each Calls.json request 0–400 ms, half of them before
 * forwarding (a killed worker's call never reaches Twilio) and half after Twilio created the call
 * (the worker dies before it learns the call SID: the case that can ring a doctor twice).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { requestCallback } from '../../server/callbacks/store.js';
import { seedDemo } from '../../db/seed/seed-demo.js';
import { callbackAttempts, territories } from '../../db/schema/index.js';
import { flushCallbackOutbox } from '../../server/callbacks/outbox.js';
import { testRedisUrl } from '../../test/support/env.js';
import { startLiveService } from '../../test/support/live.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function benchWorkerKill(
  kills = Number(process.env.BENCH_KILLS ?? 100),
): Promise<Record<string, string | number>> {
  const prefix = `glkillbench${process.pid}`;
  const s = await startLiveService({ now: new Date(), queuePrefix: prefix, timeScale: 0.01 });
  const placed = new Map<string, number>();
  let inFlightCreates = 0;
  const proxy = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', async () => {
      const create = req.method === 'POST' && req.url?.endsWith('/Calls.json');
      const holdMs = create ? Math.random() * 400 : 0;
      const holdFirst = Math.random() < 0.5;
      if (create) inFlightCreates += 1;
      try {
        if (create && holdFirst) await sleep(holdMs);
        if (create && req.socket.destroyed) return; // died before asking: Twilio never hears of it
        const upstream = await fetch(`${s.emulator.url}${req.url}`, {
          method: req.method,
          headers: {
            'content-type': String(req.headers['content-type'] ?? ''),
            authorization: String(req.headers.authorization ?? ''),
          },
          ...(req.method === 'POST' ? { body } : {}),
        });
        const text = await upstream.text();
        if (create && upstream.status === 201) {
          const key = new URL(new URLSearchParams(body).get('Url') ?? '', 'http://x').search;
          placed.set(key, (placed.get(key) ?? 0) + 1);
        }
        if (create && !holdFirst) await sleep(holdMs);
        if (!res.destroyed)
          res
            .writeHead(upstream.status, {
              'content-type': upstream.headers.get('content-type') ?? 'application/json',
            })
            .end(text);
      } finally {
        if (create) inFlightCreates -= 1;
      }
    });
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', () => r()));
  const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  const startWorker = (): ChildProcess =>
    spawn(process.execPath, ['--import', 'tsx', 'scripts/worker.ts'], {
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
      },
      stdio: 'ignore',
    });

  try {
    await seedDemo(s.db.db, new Date());
    const [{ id: territoryId }] = (await s.db.db
      .select({ id: territories.id })
      .from(territories)) as [{ id: string }];
    // Doctors never answer: each ring ends in no-answer and the next contact's job follows.
    for (const p of await s.db.sql<{ mobile: string }[]>`select mobile from professionals`)
      s.emulator.phone(p.mobile).behave({ answer: 'never' });
    let requests = 0;
    const addRequests = async (n: number) => {
      for (let i = 0; i < n; i += 1, requests += 1) {
        await requestCallback(s.db.db, {
          territoryId,
          serviceId: null,
          callSid: null,
          patientNumber: `+336123${String(10000 + requests).padStart(5, '0')}`,
          lang: 'fr',
          reason: 'caller_asked',
          dueBy: new Date(Date.now() + 3600_000),
        });
      }
      await flushCallbackOutbox(s.deps);
    };

    const started = Date.now();
    let trials = 0;
    let killed = 0;
    while (trials < kills) {
      await addRequests(4);
      const workers = [startWorker(), startWorker()];
      // A trial kills workers in the middle of ringing: wait for a Calls.json request under way.
      const deadline = Date.now() + 15_000;
      while (inFlightCreates === 0 && Date.now() < deadline) await sleep(5);
      await sleep(Math.random() * 300);
      if (inFlightCreates > 0) trials += 1;
      for (const w of workers) w.kill('SIGKILL');
      await Promise.all(
        workers.map(
          (w) =>
            new Promise((r) =>
              w.exitCode !== null || w.signalCode !== null ? r(null) : w.once('exit', r),
            ),
        ),
      );
      killed += workers.length;
    }
    // One last worker takes over the stalled jobs (locks expire after 15 s) and finishes the work.
    const last = startWorker();
    const queue = s.deps.jobs.queues.callbacks;
    for (let quiet = 0; quiet < 3; await sleep(2000)) {
      const counts = await queue.getJobCounts('active', 'waiting', 'prioritized');
      quiet = Object.values(counts).every((n) => n === 0) ? quiet + 1 : 0;
    }
    last.kill('SIGTERM');
    await new Promise((r) => last.once('exit', r));

    const failedJobs = (await queue.getJobCounts('failed')).failed ?? 0;
    const attempts = await s.db.db.select().from(callbackAttempts);
    const firstRung = new Set(
      attempts
        .filter((a) => a.attempt === 1 && a.contactIndex === 0 && a.callSid)
        .map((a) => a.callbackId),
    );
    const counts = [...placed.values()];
    return {
      'trials (workers SIGKILLed while a Calls.json request was under way)': trials,
      'workers SIGKILLed in all': killed,
      'callback requests': requests,
      'callbacks never rung (lost)': requests - firstRung.size,
      'rings placed at Twilio': counts.reduce((a, b) => a + b, 0),
      '(callback, round, contact) rung once': counts.filter((c) => c === 1).length,
      '(callback, round, contact) rung twice or more': counts.filter((c) => c > 1).length,
      'claims left without a call SID': attempts.filter((a) => !a.callSid).length,
      'callback jobs failed': failedJobs,
      'wall time': `${Math.round((Date.now() - started) / 1000)} s`,
    };
  } finally {
    proxy.closeAllConnections();
    await new Promise((r) => proxy.close(r));
    await s.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.table(await benchWorkerKill());
  process.exit(0);
}
