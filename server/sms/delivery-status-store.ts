import { and, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { smsMessages } from '../../db/schema/index.js';

/** Twilio's message statuses in the order they happen; the last three are final. */
const smsStatusOrder = [
  'accepted',
  'queued',
  'sending',
  'sent',
  'delivered',
  'undelivered',
  'failed',
];

/**
 * Records a message's delivery status from Twilio's callback. Callbacks can arrive out of order:
 * a status only ever moves forward. Returns true when the status is recorded or already behind
 * the message's; false when no message carries that sid yet (Twilio can call back before the
 * send job has stored it) or a concurrent callback moved it first: the caller asks again.
 */
export async function recordSmsStatus(
  db: Queryable,
  status: { sid: string; status: string; errorCode: number | null; at: Date },
): Promise<boolean> {
  const earlier = smsStatusOrder.slice(0, Math.max(0, smsStatusOrder.indexOf(status.status)));
  const [row] = await db
    .select({ status: smsMessages.status })
    .from(smsMessages)
    .where(eq(smsMessages.twilioSid, status.sid));
  if (row && !earlier.includes(row.status)) return true;
  const updated = await db
    .update(smsMessages)
    .set({ status: status.status, errorCode: status.errorCode, updatedAt: status.at })
    .where(
      and(
        eq(smsMessages.twilioSid, status.sid),
        inArray(smsMessages.status, earlier.length ? earlier : ['-']),
      ),
    )
    .returning({ id: smsMessages.id });
  return updated.length > 0;
}
