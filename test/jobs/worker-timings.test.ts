import { afterEach, describe, expect, it } from 'vitest';
import { startWorkers, type Workers } from '../../server/workers.js';
import { createTestApp, type TestApp } from '../support/app.js';

/** The workers' BullMQ timings come from the config: production defaults, shortened by tests. */
describe('worker timings', () => {
  let t: TestApp | undefined;
  let workers: Workers | undefined;
  afterEach(async () => {
    await workers?.close();
    await t?.close();
  });

  const timingsOf = (w: Workers) =>
    w.workers.map(({ opts }) => [opts.lockDuration, opts.stalledInterval, opts.maxStalledCount]);

  it('default to a 15 s lock, a 10 s stalled check and 10 stalls', async () => {
    t = await createTestApp();
    workers = startWorkers(t.deps, ['callbacks', 'sms']);
    expect(timingsOf(workers)).toEqual([
      [15_000, 10_000, 10],
      [15_000, 10_000, 10],
    ]);
  });

  it('follow WORKER_LOCK_MS, WORKER_STALLED_INTERVAL_MS and WORKER_MAX_STALLED', async () => {
    t = await createTestApp({
      env: { WORKER_LOCK_MS: '3000', WORKER_STALLED_INTERVAL_MS: '1000', WORKER_MAX_STALLED: '2' },
    });
    workers = startWorkers(t.deps, ['callbacks']);
    expect(timingsOf(workers)).toEqual([[3000, 1000, 2]]);
  });
});
