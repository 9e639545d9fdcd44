import { callbacksToEnqueue, markEnqueued, type CallbackRow } from './store.js';
import type { AppDeps } from '../platform/deps.js';
import { callbackJobId, enqueue } from '../platform/enqueue.js';

type Deps = Pick<AppDeps, 'db' | 'jobs' | 'now' | 'logger'>;

/**
 * Hands one callback request (already in PostgreSQL) to the queue: its first ring and its
 * deadline alert. The jobIds are the row's, so handing it over twice runs it once. A webhook
 * hands over only the row it wrote: a burst of callers must not each redo the others' rows.
 */
async function handOverCallback(deps: Deps, row: Pick<CallbackRow, 'id' | 'dueBy'>): Promise<void> {
  await enqueue(
    deps.jobs,
    'callback',
    { callbackId: row.id, attempt: 1, contactIndex: 0 },
    { jobId: callbackJobId(row.id, 1, 0) },
  );
  const delay = Math.max(0, row.dueBy.getTime() - deps.now().getTime());
  await enqueue(
    deps.jobs,
    'callback-deadline',
    { callbackId: row.id },
    { jobId: `callback-deadline-${row.id}`, delay },
  );
  await markEnqueued(deps.db.db, row.id, deps.now());
}

/** The same, where the row stays in the outbox when the queue is unreachable (the sweep retries). */
export async function handOverOrKeep(
  deps: Deps,
  row: Pick<CallbackRow, 'id' | 'dueBy'>,
): Promise<void> {
  await handOverCallback(deps, row).catch((err: unknown) =>
    deps.logger.warn({ err, callbackId: row.id }, 'callback kept in the outbox: queue unavailable'),
  );
}

/**
 * PostgreSQL holds every callback request; the queue only runs them. The sweep hands over the
 * rows not yet enqueued (Redis was down, or we crashed in between), oldest first.
 */
export async function flushCallbackOutbox(deps: Deps): Promise<number> {
  const rows = await callbacksToEnqueue(deps.db.db);
  let handed = 0;
  for (const row of rows) {
    try {
      await handOverCallback(deps, row);
      handed += 1;
    } catch (err) {
      deps.logger.warn(
        { err, callbackId: row.id },
        'callback kept in the outbox: queue unavailable',
      );
      break;
    }
  }
  return handed;
}
