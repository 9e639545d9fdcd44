import { and, asc, desc, eq, inArray, isNull, lt } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { callRecords, smsMessages, smsOptOuts, territories } from '../../db/schema/index.js';

export type SmsRow = typeof smsMessages.$inferSelect;
type NewSmsRow = Omit<typeof smsMessages.$inferInsert, 'direction'>;

/** True when the number answered STOP: no non-essential message goes to it. */
export async function isOptedOut(db: Queryable, number: string): Promise<boolean> {
  const [row] = await db.select().from(smsOptOuts).where(eq(smsOptOuts.number, number));
  return Boolean(row);
}

export async function optOut(db: Queryable, number: string): Promise<void> {
  await db.insert(smsOptOuts).values({ number }).onConflictDoNothing();
}

export async function optIn(db: Queryable, number: string): Promise<void> {
  await db.delete(smsOptOuts).where(eq(smsOptOuts.number, number));
}

/**
 * Writes an outgoing message (the record and the outbox). With a dedupe key already used, the
 * earlier message's id comes back, not created: one message per purpose.
 */
export async function recordOutgoingSms(
  db: Queryable,
  sms: NewSmsRow,
): Promise<{ id: string | null; created: boolean }> {
  const [row] = await db
    .insert(smsMessages)
    .values({ ...sms, direction: 'outbound' })
    .onConflictDoNothing({ target: smsMessages.dedupeKey })
    .returning({ id: smsMessages.id });
  if (row) return { id: row.id, created: true };
  const [existing] = sms.dedupeKey
    ? await db
        .select({ id: smsMessages.id })
        .from(smsMessages)
        .where(eq(smsMessages.dedupeKey, sms.dedupeKey))
    : [];
  return { id: existing?.id ?? null, created: false };
}

/**
 * Writes a received message; Twilio retrying the webhook (same MessageSid) writes nothing more.
 * True when the row is new: a retried message must not run its command (ANNULER) twice.
 */
export async function recordInboundSms(db: Queryable, sms: NewSmsRow): Promise<boolean> {
  const rows = await db
    .insert(smsMessages)
    .values({ ...sms, direction: 'inbound', status: 'received' })
    .onConflictDoNothing()
    .returning({ id: smsMessages.id });
  return rows.length > 0;
}

/** The last follow-up message sent to a number: what a "1" or "2" from it answers. */
export async function lastFollowUpTo(db: Queryable, number: string): Promise<SmsRow | null> {
  const [row] = await db
    .select()
    .from(smsMessages)
    .where(and(eq(smsMessages.toNumber, number), eq(smsMessages.kind, 'follow_up')))
    .orderBy(desc(smsMessages.createdAt))
    .limit(1);
  return row ?? null;
}

export async function smsById(db: Queryable, id: string): Promise<SmsRow | null> {
  const [row] = await db.select().from(smsMessages).where(eq(smsMessages.id, id));
  return row ?? null;
}

/** Links the Twilio sid to the row; the status stays as a status callback may already have set it. */
export async function linkTwilioSid(db: Queryable, id: string, sid: string, at: Date) {
  await db.update(smsMessages).set({ twilioSid: sid, updatedAt: at }).where(eq(smsMessages.id, id));
}

export async function markSmsFailed(db: Queryable, id: string, errorCode: number, at: Date) {
  await db
    .update(smsMessages)
    .set({ status: 'failed', errorCode, updatedAt: at })
    .where(eq(smsMessages.id, id));
}

/** A call and its territory, for the follow-up message. */
export async function callWithTerritory(db: Queryable, callSid: string) {
  const [row] = await db
    .select({ call: callRecords, territory: territories })
    .from(callRecords)
    .innerJoin(territories, eq(territories.id, callRecords.territoryId))
    .where(eq(callRecords.callSid, callSid));
  return row ?? null;
}

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

/** Outgoing rows never handed to Twilio, written before `before`: the outbox sweep's work. */
export async function unsentSmsIds(db: Queryable, before: Date, limit: number): Promise<string[]> {
  const rows = await db
    .select({ id: smsMessages.id })
    .from(smsMessages)
    .where(
      and(
        eq(smsMessages.direction, 'outbound'),
        eq(smsMessages.status, 'queued'),
        isNull(smsMessages.twilioSid),
        lt(smsMessages.createdAt, before),
      ),
    )
    .orderBy(asc(smsMessages.createdAt))
    .limit(limit);
  return rows.map((r) => r.id);
}
