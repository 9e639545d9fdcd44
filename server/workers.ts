import type { Job, Worker } from 'bullmq';
import type { Config } from './platform/config.js';
import type { AppDeps } from './platform/deps.js';
import { runCallback } from './callbacks/callback-job.js';
import { callbackDeadline } from './callbacks/deadline-job.js';
import { flushCallbackOutbox } from './callbacks/outbox.js';
import { startLiveCallReconciler } from './line/live-call-reconciler.js';
import { jobPayloads, type JobName } from './platform/job-payloads.js';
import { queueNames, scheduleDailyJobs, type QueueName } from './platform/queues.js';
import { followUp } from './sms/follow-up-job.js';
import { gapAlert } from './planning/reminders/gap-alert-job.js';
import { retentionPurge } from './platform/retention-purge-job.js';
import { sweepSmsOutbox } from './sms/sms-outbox-sweep.js';
import { sendSms } from './sms/send-sms-job.js';
import { deliverNotice } from './planning/swaps/notice-job.js';
import { flushNoticeOutbox } from './planning/swaps/notices.js';
import { shiftReminder } from './planning/reminders/shift-reminder-job.js';
import { runDirectoryImport } from './directory/national/import-job.js';
import { ficheReminder } from './regulation/fiches/reminder-job.js';
import { hospitalStayNotice } from './hospital/notices/stay-notice-job.js';
import { sweepHospitalNotices } from './hospital/notices/sweep.js';

export interface Workers {
  workers: Worker[];
  /**
   * Waits for active jobs to finish, then closes; past `withinMs` it stops waiting (an unfinished
   * job's lock expires and another worker takes it: jobs are idempotent).
   */
  close(withinMs?: number): Promise<void>;
}

/**
 * BullMQ's timings for the workers, from the config. Jobs are short (one REST call, a few
 * queries): a 15 s lock, checked every 10 s, puts the job of a worker that died back in the queue
 * within ~25 s (BullMQ's defaults would take a minute). Every job is idempotent (claims, dedupe
 * keys), so a job caught by a second worker death is run again, not failed: BullMQ's default (1)
 * lost callbacks in the SIGKILL trials; 10 is bounded, so a job that kills its worker every time
 * still ends. Tests shorten them to see a stall in seconds.
 */
export interface WorkerTimings {
  /** How long a job's lock lasts unrenewed (default 15 s). */
  lockMs: number;
  /** How often stalled jobs (lock expired) are looked for and put back (default 10 s). */
  stalledIntervalMs: number;
  /** Stalls a job survives before it fails for good (default 10). */
  maxStalledCount: number;
  /** How often the callback outbox is swept (default 15 s). */
  outboxSweepMs: number;
}

export const workerTimingsOf = (config: Config): WorkerTimings => ({
  lockMs: config.WORKER_LOCK_MS,
  stalledIntervalMs: config.WORKER_STALLED_INTERVAL_MS,
  maxStalledCount: config.WORKER_MAX_STALLED,
  outboxSweepMs: config.OUTBOX_SWEEP_MS,
});

type Processor = (deps: AppDeps, data: never) => Promise<unknown>;

/** Job name → processor. Each processor lives in its own file. */
const processors: Partial<Record<JobName, Processor>> = {
  callback: runCallback as Processor,
  'callback-deadline': callbackDeadline as Processor,
  'send-sms': sendSms as Processor,
  'follow-up': followUp as Processor,
  'shift-reminder': shiftReminder as Processor,
  'swap-notice': deliverNotice as Processor,
  'gap-alert': ((deps: AppDeps) => gapAlert(deps)) as Processor,
  'retention-purge': ((deps: AppDeps) => retentionPurge(deps)) as Processor,
  'callback-outbox': ((deps: AppDeps) => flushCallbackOutbox(deps)) as Processor,
  'directory-import': runDirectoryImport as Processor,
  'fiche-reminder': ficheReminder as Processor,
  'hospital-stay-notice': hospitalStayNotice as Processor,
  'hospital-notice-sweep': ((deps: AppDeps) => sweepHospitalNotices(deps)) as Processor,
  'sms-outbox-sweep': ((deps: AppDeps) => sweepSmsOutbox(deps)) as Processor,
};

/** Parses the payload once, at the edge, then runs the job's processor. */
export async function processJob(deps: AppDeps, job: Pick<Job, 'name' | 'data'>): Promise<unknown> {
  const name = job.name as JobName;
  const processor = processors[name];
  const schema = jobPayloads[name];
  if (!processor || !schema) throw new Error(`no processor for job ${job.name}`);
  return processor(deps, schema.parse(job.data) as never);
}

/** One worker per queue; stalled jobs (a worker that died) are taken again after lock + check. */
export function startWorkers(
  deps: AppDeps,
  only: QueueName[] = queueNames,
  timings: WorkerTimings = workerTimingsOf(deps.config),
): Workers {
  const workers = only.map((queue) => {
    const worker = deps.jobs.factory.worker(queue, (job) => processJob(deps, job), {
      concurrency: queue === 'sms' ? 10 : 4,
      lockDuration: timings.lockMs,
      stalledInterval: timings.stalledIntervalMs,
      maxStalledCount: timings.maxStalledCount,
    });
    worker.on('failed', (job, err) =>
      deps.logger.warn(
        { queue, job: job?.name, jobId: job?.id, attempts: job?.attemptsMade, err: err.message },
        'job failed',
      ),
    );
    worker.on('error', (err) => deps.logger.error({ err, queue }, 'worker error'));
    return worker;
  });
  // At start too: movements stored while no worker ran reach the GP without waiting a quarter hour.
  if (only.includes('maintenance'))
    void sweepHospitalNotices(deps).catch((err: unknown) =>
      deps.logger.warn({ err }, 'hospital notice sweep failed'),
    );
  // Every worker process upserts the same schedulers: idempotent across restarts and processes.
  void scheduleDailyJobs(deps.jobs).catch((err: unknown) =>
    deps.logger.warn({ err }, 'daily jobs not scheduled'),
  );
  // The outbox sweep hands to the queue the callbacks written while it was unreachable. A timer,
  // not a queue schedule: it must run precisely when the queue was down (or wiped).
  const sweep = setInterval(() => {
    flushCallbackOutbox(deps).catch((err: unknown) =>
      deps.logger.warn({ err }, 'callback outbox sweep failed'),
    );
    flushNoticeOutbox(deps).catch((err: unknown) =>
      deps.logger.warn({ err }, 'notice outbox sweep failed'),
    );
  }, timings.outboxSweepMs);
  sweep.unref();
  // Bridges whose status callback was lost are freed against Twilio's call status.
  const reconciler = deps.live ? startLiveCallReconciler(deps, deps.live) : null;
  return {
    workers,
    close: async (withinMs = 8000) => {
      clearInterval(sweep);
      reconciler?.stop();
      // From here the database may go away under the workers (embedded PostgreSQL stops on the
      // same signal): losing a connection is expected, not an error worth a stack trace.
      for (const worker of workers) {
        worker.removeAllListeners('error');
        worker.on('error', (err) =>
          deps.logger.debug({ err }, 'worker connection lost while stopping'),
        );
      }
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>(
        (resolve) => (timer = setTimeout(resolve, withinMs, 'late')),
      );
      // BullMQ's close(true) cannot cut short a close() already waiting: past the bound, stop
      // waiting; the process exits and the unfinished job's lock expires for another worker.
      const closed = Promise.allSettled(workers.map((worker) => worker.close()));
      if ((await Promise.race([closed, late])) === 'late')
        deps.logger.warn({ withinMs }, 'jobs still active at shutdown: left to another worker');
      clearTimeout(timer);
    },
  };
}
