import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQueueFactory, type QueueBackend } from '../../server/platform/queue-backend.js';
import { createJobs, dailyJobs, scheduleDailyJobs } from '../../server/platform/queues.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { testRedisUrl } from '../support/env.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

const backends: [string, () => QueueBackend][] = [
  [
    'Redis',
    () => ({
      kind: 'redis',
      url: testRedisUrl,
      prefix: `gltest-${randomBytes(4).toString('hex')}`,
    }),
  ],
  [
    'PostgreSQL',
    () => ({ kind: 'postgres', url: db.url, schema: `bullmq_${randomBytes(3).toString('hex')}` }),
  ],
];

describe.each(backends)('BullMQ on %s', (_name, backendOf) => {
  it('runs a job through a worker and answers the health ping', async () => {
    const factory = createQueueFactory(backendOf());
    const jobs = createJobs(factory);
    await jobs.ping(10_000);
    const seen: unknown[] = [];
    let finished!: () => void;
    const done = new Promise<void>((resolve) => {
      finished = resolve;
    });
    const worker = factory.worker<{ n: number }>('callbacks', async (job) => {
      seen.push(job.data);
      finished();
      return 'ok';
    });
    await jobs.queues.callbacks.add('probe', { n: 42 }, { jobId: 'probe-1' });
    // Same jobId again while the first exists: deduplicated, not run twice.
    await jobs.queues.callbacks.add('probe', { n: 43 }, { jobId: 'probe-1' });
    await done;
    await new Promise((r) => setTimeout(r, 300));
    expect(seen).toEqual([{ n: 42 }]);
    await worker.close();
    await jobs.close();
  });

  it('two instances scheduling the daily jobs at once leave one scheduler and one next run each', async () => {
    const backend = backendOf();
    // Two processes: each its own factory and connections, the same backend and prefix.
    const instances = [
      createJobs(createQueueFactory(backend)),
      createJobs(createQueueFactory(backend)),
    ];
    try {
      await Promise.all(instances.map((jobs) => scheduleDailyJobs(jobs)));
      // A restart of one of them upserts again.
      await scheduleDailyJobs(instances[1]!);
      const maintenance = instances[0]!.queues.maintenance;
      const schedulers = await maintenance.getJobSchedulers();
      expect(schedulers.map((s) => s.key).sort()).toEqual(dailyJobs.map((j) => j.name).sort());
      const next = await maintenance.getDelayed();
      expect(next.map((job) => job.name).sort()).toEqual(dailyJobs.map((j) => j.name).sort());
    } finally {
      await Promise.all(instances.map((jobs) => jobs.close()));
    }
  });
});
