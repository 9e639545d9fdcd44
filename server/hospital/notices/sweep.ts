import type { AppDeps } from '../../platform/deps.js';
import { enqueue } from '../../platform/enqueue.js';
import { deliverStayNotice } from './deliver.js';
import { movementsNeverNoticed, noticesUndelivered } from './notice-store.js';

type Deps = Pick<AppDeps, 'db' | 'jobs' | 'logger' | 'now' | 'config' | 'publicUrl'>;

/** A movement younger than this may still have its job on the way from the listener. */
const graceMs = 2 * 60_000;

/**
 * One sweep job per movement and quarter of an hour: a job that failed for good keeps its id in
 * the queue, so a later sweep must use another (the processor is idempotent).
 */
const sweepJobId = (movementId: string, now: Date) =>
  `hospital-stay-notice-${movementId}-s${Math.floor(now.getTime() / 900_000)}`;

/**
 * The sweep (every 15 minutes on the maintenance queue, and at worker start): hands to the queue
 * the movements the listener stored while the queue was down, and tries again the notices whose
 * delivery failed (the MSSanté operator was unreachable past the job's retries).
 */
export async function sweepHospitalNotices(deps: Deps): Promise<string> {
  const before = new Date(deps.now().getTime() - graceMs);
  const movements = await movementsNeverNoticed(deps.db.db, before);
  for (const m of movements)
    await enqueue(
      deps.jobs,
      'hospital-stay-notice',
      { stayId: m.stayId, movementId: m.movementId },
      { jobId: sweepJobId(m.movementId, deps.now()) },
    );
  let delivered = 0;
  for (const { id } of await noticesUndelivered(deps.db.db, before)) {
    try {
      await deliverStayNotice(deps, id);
      delivered += 1;
    } catch {
      // Logged by the delivery; the next sweep tries again.
    }
  }
  return `movements handed over ${movements.length}, notices retried ${delivered}`;
}
