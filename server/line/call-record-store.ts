import { and, eq, isNull, notExists, or, sql } from 'drizzle-orm';
import type { Sql } from 'postgres';
import type { Queryable } from '../../db/client.js';
import { callEvents, callRecords, territoryNumbers } from '../../db/schema/index.js';

export type CallOutcome = NonNullable<(typeof callRecords.$inferSelect)['outcome']>;

export interface NewCall {
  callSid: string;
  territoryId: string | null;
  fromNumber: string;
  toNumber: string;
  callerHidden: boolean;
  startedAt: Date;
}

/** Creates the call record once; a webhook Twilio retries finds it already there. */
export async function openCallRecord(db: Queryable, call: NewCall): Promise<void> {
  await db.insert(callRecords).values(call).onConflictDoNothing({ target: callRecords.callSid });
}

/**
 * The hot path of every new call, in one round trip: the call record and its first event.
 * Plain SQL through postgres.js (a prepared statement), as it runs for every call.
 */
export async function openCallWithEvent(
  sql: Sql,
  call: NewCall,
  event: { kind: string; node: string },
): Promise<void> {
  // drizzle's postgres.js client serialises dates itself: pass ISO strings.
  const at = call.startedAt.toISOString();
  await sql`
    with record as (
      insert into call_records (call_sid, territory_id, from_number, to_number, caller_hidden, started_at)
      values (${call.callSid}, ${call.territoryId}, ${call.fromNumber}, ${call.toNumber}, ${call.callerHidden}, ${at}::timestamptz)
      on conflict (call_sid) do nothing
    )
    insert into call_events (call_sid, at, kind, node, detail, dedupe_key)
    values (${call.callSid}, ${at}::timestamptz, ${event.kind}, ${event.node}, '{}'::jsonb, ${`${call.callSid}/${event.node}`})
    on conflict do nothing`;
}

/**
 * The opening replayed from the outbox: a later turn may already have created the record from
 * its own time (its update could not wait), so the earliest start wins.
 */
export async function reopenCallWithEvent(
  sql: Sql,
  call: NewCall,
  event: { kind: string; node: string },
): Promise<void> {
  const at = call.startedAt.toISOString();
  await sql`
    with record as (
      insert into call_records (call_sid, territory_id, from_number, to_number, caller_hidden, started_at)
      values (${call.callSid}, ${call.territoryId}, ${call.fromNumber}, ${call.toNumber}, ${call.callerHidden}, ${at}::timestamptz)
      on conflict (call_sid) do update set
        started_at = least(call_records.started_at, excluded.started_at),
        territory_id = coalesce(call_records.territory_id, excluded.territory_id)
    )
    insert into call_events (call_sid, at, kind, node, detail, dedupe_key)
    values (${call.callSid}, ${at}::timestamptz, ${event.kind}, ${event.node}, '{}'::jsonb, ${`${call.callSid}/${event.node}`})
    on conflict do nothing`;
}

/** A record update must not be lost because the opening is late: create the record if missing. */
export const ensureCallRecord = openCallRecord;

export interface CallEvent {
  kind: string;
  node?: string | null;
  professionalId?: string | null;
  detail?: Record<string, unknown>;
  /** Same key twice (a retried webhook) → recorded once. */
  dedupeKey?: string | null;
}

export async function appendCallEvents(
  db: Queryable,
  callSid: string,
  at: Date,
  events: CallEvent[],
): Promise<void> {
  if (events.length === 0) return;
  await db
    .insert(callEvents)
    .values(
      events.map((e) => ({
        callSid,
        at,
        kind: e.kind,
        node: e.node ?? null,
        professionalId: e.professionalId ?? null,
        detail: e.detail ?? {},
        dedupeKey: e.dedupeKey ?? null,
      })),
    )
    .onConflictDoNothing();
}

/**
 * The first outcome wins: a later "abandoned" from a status callback never hides "connected".
 * The status callback's "abandoned" means "no outcome known when the call ended": an outcome the
 * flow decided, replayed from the outbox after the call ended, replaces it.
 */
export async function setCallOutcome(
  db: Queryable,
  callSid: string,
  outcome: CallOutcome,
): Promise<void> {
  await db
    .update(callRecords)
    .set({ outcome })
    .where(
      and(
        eq(callRecords.callSid, callSid),
        or(isNull(callRecords.outcome), eq(callRecords.outcome, 'abandoned')),
      ),
    );
}

export async function setCallLanguage(db: Queryable, callSid: string, lang: string): Promise<void> {
  await db.update(callRecords).set({ lang }).where(eq(callRecords.callSid, callSid));
}

/**
 * Who answered and when: the instant is the professional's keypress (the call's first `accepted`
 * event), else the instant the turn knows (`answeredAt`, or the Dial's end), never the end of the
 * conversation. The permanence's answer is the outcome "fallback", never a professional's.
 */
export async function markConnected(
  db: Queryable,
  callSid: string,
  who: { professionalId: string | null; fallback?: boolean; answeredAt?: Date },
  at: Date,
): Promise<void> {
  const known = (who.answeredAt ?? at).toISOString();
  const accepted = sql`(select min(${callEvents.at}) from ${callEvents} where ${callEvents.callSid} = ${callSid} and ${callEvents.kind} = 'accepted')`;
  await db
    .update(callRecords)
    .set({
      connectedAt: sql`coalesce(${accepted}, ${known}::timestamptz)`,
      connectedProfessionalId: who.fallback ? null : who.professionalId,
      outcome: who.fallback ? 'fallback' : 'connected',
    })
    .where(eq(callRecords.callSid, callSid));
}

/** From the call status callback: final status, end time, duration; no outcome yet → abandoned. */
export async function closeCallRecord(
  db: Queryable,
  callSid: string,
  status: string,
  endedAt: Date,
  durationSeconds: number | null,
): Promise<void> {
  await db
    .update(callRecords)
    .set({
      status,
      endedAt,
      durationSeconds,
      outcome: sql`coalesce(${callRecords.outcome}, 'abandoned')`,
    })
    .where(eq(callRecords.callSid, callSid));
}

/** Was this ring accepted by a keypress on the screening leg? (DialCallStatus alone is no proof.) */
export async function wasAccepted(
  db: Queryable,
  callSid: string,
  attempt: number,
): Promise<boolean> {
  const [row] = await db
    .select({ id: callEvents.id })
    .from(callEvents)
    .where(
      and(
        eq(callEvents.callSid, callSid),
        eq(callEvents.kind, 'accepted'),
        eq(callEvents.dedupeKey, acceptedKey(callSid, attempt)),
      ),
    )
    .limit(1);
  return row !== undefined;
}

export const acceptedKey = (callSid: string, attempt: number) => `${callSid}/accepted/${attempt}`;

/**
 * A call on the professionals' line has no call record (it is traced in advice_calls): true when
 * this call has none and the number called is a professionals' line, so that its end, kept in the
 * outbox or answered by an instance that never saw the call, creates none either.
 */
export async function isProfessionalLineCall(
  db: Queryable,
  callSid: string,
  toNumber: string,
): Promise<boolean> {
  const [row] = await db
    .select({ number: territoryNumbers.number })
    .from(territoryNumbers)
    .where(
      and(
        eq(territoryNumbers.number, toNumber),
        eq(territoryNumbers.line, 'professional'),
        notExists(
          db
            .select({ one: sql`1` })
            .from(callRecords)
            .where(eq(callRecords.callSid, callSid)),
        ),
      ),
    )
    .limit(1);
  return row !== undefined;
}
