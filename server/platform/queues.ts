import type { DefaultJobOptions, Queue } from 'bullmq';
import type { QueueFactory } from './queue-backend.js';

/**
 * Every queue of gardeline, with its default job options. Job names and payload
 * schemas live in payloads.ts; one processor per file next to this one.
 */
export const queueDefaults = {
  /** Patient callbacks: retried a little, never dropped silently (failed jobs are kept). */
  callbacks: {
    attempts: 5,
    backoff: { type: 'exponential', delay: 10_000 },
    removeOnComplete: 1000,
    removeOnFail: false,
  },
  /** SMS sends: 429 and 5xx retried with backoff; invalid numbers fail at once (UnrecoverableError). */
  sms: {
    attempts: 6,
    backoff: { type: 'exponential', delay: 2_000 },
    removeOnComplete: 5000,
    removeOnFail: false,
  },
  /** Reminders to professionals before their shifts. */
  reminders: {
    attempts: 3,
    backoff: { type: 'exponential', delay: 30_000 },
    removeOnComplete: 1000,
    removeOnFail: 1000,
  },
  /** Daily jobs: gap alerts, retention purge, callback outbox sweep. */
  maintenance: {
    attempts: 3,
    backoff: { type: 'fixed', delay: 60_000 },
    removeOnComplete: 100,
    removeOnFail: 100,
  },
} satisfies Record<string, DefaultJobOptions>;

export type QueueName = keyof typeof queueDefaults;
export const queueNames = Object.keys(queueDefaults) as QueueName[];

/**
 * The repeatable jobs, Paris time. Each is one BullMQ job scheduler, keyed by its name: an upsert
 * from every worker process at every start (two instances at once included) leaves one scheduler
 * and one next run per name, never one per process.
 */
export const dailyJobs = [
  { name: 'gap-alert', pattern: '0 7 * * *' },
  { name: 'retention-purge', pattern: '30 3 * * *' },
  // Not daily: movements stored while the queue was down reach the GP within a quarter of an hour.
  { name: 'hospital-notice-sweep', pattern: '*/15 * * * *' },
  // Every minute: an SMS written while the queue was down goes out within two minutes.
  { name: 'sms-outbox-sweep', pattern: '* * * * *' },
] as const;

/** Upserts the daily job schedulers on the maintenance queue (idempotent). */
export async function scheduleDailyJobs(jobs: Pick<Jobs, 'queues'>): Promise<void> {
  for (const { name, pattern } of dailyJobs)
    await jobs.queues.maintenance.upsertJobScheduler(
      name,
      { pattern, tz: 'Europe/Paris' },
      { name, data: {} },
    );
}

export interface Jobs {
  factory: QueueFactory;
  queues: Record<QueueName, Queue>;
  /** Resolves when the queue backend answers; rejects otherwise. */
  ping(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export function createJobs(factory: QueueFactory): Jobs {
  const queues = Object.fromEntries(
    queueNames.map((name) => [
      name,
      factory.queue(name, { defaultJobOptions: queueDefaults[name] }),
    ]),
  ) as Record<QueueName, Queue>;
  for (const queue of Object.values(queues)) queue.on('error', () => {});
  return {
    factory,
    queues,
    async ping(timeoutMs = 2000) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('queue backend did not answer')), timeoutMs);
      });
      try {
        await Promise.race([queues.callbacks.getJobCounts('waiting'), timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      await Promise.allSettled(Object.values(queues).map((queue) => queue.close()));
      await factory.close();
    },
  };
}
