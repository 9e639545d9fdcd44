import type { JobsOptions } from 'bullmq';
import { jobPayloads, jobQueue, type JobName, type JobPayload } from './job-payloads.js';
import type { Jobs } from './queues.js';

/**
 * An add gives up after this long: Redis' own command timeout bounds each command, this bounds
 * the few an add sends (and the PostgreSQL backend, which has no command timeout of its own).
 */
export const enqueueWithinMs = 2500;

/** Adds a job after checking its payload; `jobId` (no ':' allowed) deduplicates. */
export async function enqueue<N extends JobName>(
  jobs: Jobs,
  name: N,
  payload: JobPayload<N>,
  options: JobsOptions = {},
): Promise<void> {
  const data = jobPayloads[name].parse(payload);
  let timer: NodeJS.Timeout | undefined;
  const expiry = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`queue did not answer within ${enqueueWithinMs} ms`)),
      enqueueWithinMs,
    );
  });
  try {
    await Promise.race([jobs.queues[jobQueue[name]].add(name, data, options), expiry]);
  } finally {
    clearTimeout(timer);
  }
}

/** One job per (callback, round, contact): the same ring is never queued twice. */
export const callbackJobId = (callbackId: string, attempt: number, contactIndex: number) =>
  `callback-${callbackId}-a${attempt}-c${contactIndex}`;
