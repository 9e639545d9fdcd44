import { smsOptOuts, smsMessages } from '../../db/schema/index.js';
import { eq } from 'drizzle-orm';
import type { AppDeps } from '../platform/deps.js';
import { enqueue } from '../platform/enqueue.js';

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
 * Writes the SMS row, then hands it to the queue. The row is the record (and the outbox):
 * if the queue is down the row stays queued and the sweeper sends it later.
 * Returns null when the number opted out of non-essential messages.
 */
export async function queueSms(
  deps: Pick<AppDeps, 'db' | 'jobs' | 'logger'>,
  sms: OutgoingSms,
): Promise<string | null> {
  const db = deps.db.db;
  if (!sms.essential) {
    const [optOut] = await db.select().from(smsOptOuts).where(eq(smsOptOuts.number, sms.to));
    if (optOut) return null;
  }
  const [row] = await db
    .insert(smsMessages)
    .values({
      territoryId: sms.territoryId,
      direction: 'outbound',
      kind: sms.kind,
      toNumber: sms.to,
      fromNumber: sms.from,
      body: sms.body,
      callSid: sms.callSid ?? null,
      dedupeKey: sms.dedupeKey ?? null,
    })
    .onConflictDoNothing({ target: smsMessages.dedupeKey })
    .returning({ id: smsMessages.id });
  if (!row) {
    const [existing] = await db
      .select({ id: smsMessages.id })
      .from(smsMessages)
      .where(eq(smsMessages.dedupeKey, sms.dedupeKey!));
    return existing?.id ?? null;
  }
  const smsId = row.id;
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
