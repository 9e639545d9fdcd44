import { callbacksToEnqueue, markEnqueued } from '../../db/repositories/callbacks.js';
import type { AppDeps } from '../deps.js';
import { callbackJobId, enqueue } from './enqueue.js';

/**
 * PostgreSQL holds every callback request; the queue only runs them. This hands the rows
 * not yet enqueued (Redis was down, or we crashed in between) to the queue. The jobId is the
 * row id, so handing one over twice runs it once.
 */
export async function flushCallbackOutbox(deps: Pick<AppDeps, 'db' | 'jobs' | 'now' | 'logger'>): Promise<number> {
  const rows = await callbacksToEnqueue(deps.db.db);
  let handed = 0;
  for (const row of rows) {
    try {
      await enqueue(deps.jobs, 'callback', { callbackId: row.id, attempt: 1, contactIndex: 0 }, { jobId: callbackJobId(row.id, 1, 0) });
      const delay = Math.max(0, row.dueBy.getTime() - deps.now().getTime());
      await enqueue(deps.jobs, 'callback-deadline', { callbackId: row.id }, { jobId: `callback-deadline-${row.id}`, delay });
      await markEnqueued(deps.db.db, row.id, deps.now());
      handed += 1;
    } catch (err) {
      deps.logger.warn({ err, callbackId: row.id }, 'callback kept in the outbox: queue unavailable');
      break;
    }
  }
  return handed;
}
