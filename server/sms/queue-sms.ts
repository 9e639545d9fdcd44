import type { AppDeps } from '../platform/deps.js';
import { enqueue } from '../platform/enqueue.js';
import { isOptedOut, recordOutgoingSms } from './store.js';

export interface OutgoingSms {
  territoryId: string | null;
  to: string;
  from: string;
  body: string;
  /** callback_confirmation, pharmacy_details, callback_missed, follow_up, shift_reminder… */
  kind: string;
  /** Essential messages (a callback confirmation, a shift reminder) ignore STOP. */
  essential: boolean;
  callSid?: string | null;
  delayMs?: number;
  /** Same key twice → one message (the first). */
  dedupeKey?: string;
}

/**
 * Writes the SMS row, then hands it to the queue. The row is the record: if the queue is down
 * the row stays `queued`, the failure is logged, and the outbox sweep (sms-outbox-sweep.ts)
 * hands it over within two minutes. A delayed SMS would need its due time stored first (no
 * caller delays one: the follow-up is its own delayed job).
 * Returns null when the number opted out of non-essential messages.
 */
export async function queueSms(
  deps: Pick<AppDeps, 'db' | 'jobs' | 'logger'>,
  sms: OutgoingSms,
): Promise<string | null> {
  const db = deps.db.db;
  if (!sms.essential && (await isOptedOut(db, sms.to))) return null;
  const { id: smsId, created } = await recordOutgoingSms(db, {
    territoryId: sms.territoryId,
    kind: sms.kind,
    toNumber: sms.to,
    fromNumber: sms.from,
    body: sms.body,
    callSid: sms.callSid ?? null,
    dedupeKey: sms.dedupeKey ?? null,
  });
  if (!created || !smsId) return smsId;
  try {
    await enqueue(
      deps.jobs,
      'send-sms',
      { smsId },
      { jobId: `sms-${smsId}`, ...(sms.delayMs ? { delay: sms.delayMs } : {}) },
    );
  } catch (err) {
    deps.logger.warn({ err, smsId }, 'SMS kept in the outbox: queue unavailable');
  }
  return smsId;
}
