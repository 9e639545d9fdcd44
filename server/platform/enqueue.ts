import type { JobsOptions } from 'bullmq';
import { jobPayloads, jobQueue, type JobName, type JobPayload } from './job-payloads.js';
import type { Jobs } from './queues.js';

/** Adds a job after checking its payload; `jobId` (no ':' allowed) deduplicates. */
export async function enqueue<N extends JobName>(
  jobs: Jobs,
  name: N,
  payload: JobPayload<N>,
  options: JobsOptions = {},
): Promise<void> {
  const data = jobPayloads[name].parse(payload);
  await jobs.queues[jobQueue[name]].add(name, data, options);
}

/** One job per (callback, round, contact): the same ring is never queued twice. */
export const callbackJobId = (callbackId: string, attempt: number, contactIndex: number) =>
  `callback-${callbackId}-a${attempt}-c${contactIndex}`;
