/**
 * Queue benchmark: N SMS jobs (rows written first, then enqueued) sent through the Twilio
 * emulator by the real send-sms processor, on Redis and on bullmq's PostgreSQL backend; and a
 * no-op job on each backend for the ratio.
 */
import { performance } from 'node:perf_hooks';
import { smsMessages } from '../../db/schema/index.js';
import { processJob } from '../../server/workers.js';
import { startLiveService } from '../../test/support/live.js';

const jobs = Number(process.env.BENCH_JOBS ?? 10_000);

async function run(queue: 'redis' | 'postgres'): Promise<{ sms: number; noop: number }> {
  const s = await startLiveService({ queue });
  try {
    const rows = Array.from({ length: jobs }, (_, i) => ({
      direction: 'outbound' as const,
      kind: 'bench',
      toNumber: `+336${String(10_000_000 + i).slice(-8)}`,
      fromNumber: '+33261910015',
      body: 'Rappel de garde : demain 20 h.',
    }));
    const ids: string[] = [];
    for (let i = 0; i < rows.length; i += 1000)
      ids.push(
        ...(
          await s.db.db
            .insert(smsMessages)
            .values(rows.slice(i, i + 1000))
            .returning({ id: smsMessages.id })
        ).map((r) => r.id),
      );
    await s.deps.jobs.queues.sms.addBulk(
      ids.map((smsId) => ({ name: 'send-sms', data: { smsId }, opts: { jobId: `sms-${smsId}` } })),
    );
    let done = 0;
    const t0 = performance.now();
    const worker = s.deps.jobs.factory.worker('sms', async (job) => processJob(s.deps, job), {
      concurrency: 50,
    });
    await new Promise<void>((resolve) =>
      worker.on('completed', () => (done += 1) === jobs && resolve()),
    );
    await worker.close();
    const smsRate = jobs / ((performance.now() - t0) / 1000);

    const noop = s.deps.jobs.factory.queue<{ n: number }>('noop');
    await noop.addBulk(Array.from({ length: jobs }, (_, n) => ({ name: 'noop', data: { n } })));
    let noops = 0;
    const t1 = performance.now();
    await new Promise<void>((resolve) => {
      const worker = s.deps.jobs.factory.worker('noop', async () => 'ok', { concurrency: 50 });
      worker.on('completed', () => {
        if ((noops += 1) === jobs) void worker.close().then(() => resolve());
      });
    });
    const noopRate = jobs / ((performance.now() - t1) / 1000);
    await noop.close();
    return { sms: Math.round(smsRate), noop: Math.round(noopRate) };
  } finally {
    await s.close();
  }
}

export async function benchQueue(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const backend of ['redis', 'postgres'] as const) {
    const { sms, noop } = await run(backend);
    out[`${backend}: ${jobs} SMS jobs`] =
      `${sms} jobs/s (no-op job: ${noop} jobs/s, ratio ${(sms / noop).toFixed(2)})`;
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.table(await benchQueue());
  process.exit(0);
}
