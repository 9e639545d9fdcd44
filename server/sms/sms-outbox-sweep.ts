import type { AppDeps } from '../platform/deps.js';
import { enqueue } from '../platform/enqueue.js';
import { unsentSmsIds } from './store.js';

/** Rows younger than this are still on their way to the queue from their own write. */
const graceMs = 60_000;
const batch = 200;

/**
 * Every minute: SMS rows still 'queued' with no Twilio sid a minute after they were written (the
 * queue was down then) are handed to the queue. Safe to repeat: the jobId `sms-<id>` is the one
 * the writer used, so a job still waiting, running or failed is not added again, and the send
 * job never sends a row that already has a Twilio sid.
 */
export async function sweepSmsOutbox(deps: Pick<AppDeps, 'db' | 'jobs' | 'now'>): Promise<string> {
  const ids = await unsentSmsIds(deps.db.db, new Date(deps.now().getTime() - graceMs), batch);
  for (const smsId of ids)
    await enqueue(deps.jobs, 'send-sms', { smsId }, { jobId: `sms-${smsId}` });
  return `handed ${ids.length} SMS to the queue`;
}
