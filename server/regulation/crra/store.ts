import { and, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../../../db/client.js';
import { callEvents, callRecords, territories } from '../../../db/schema/index.js';
import type { CallRef } from './schema.js';

/** A patient call, with what a hand-off to the CRRA needs of its territory. */
export interface HandoffCall {
  id: string;
  callSid: string;
  territoryId: string | null;
  status: string;
  endedAt: Date | null;
  startedAt: Date;
  lang: string;
  connectedProfessionalId: string | null;
  territory: {
    name: string;
    timeZone: string;
    crraNumber: string | null;
    regionalRegulationNumber: '15' | '116117';
  } | null;
}

export async function callForHandoff(db: Queryable, ref: CallRef): Promise<HandoffCall | null> {
  const [row] = await db
    .select({
      id: callRecords.id,
      callSid: callRecords.callSid,
      territoryId: callRecords.territoryId,
      status: callRecords.status,
      endedAt: callRecords.endedAt,
      startedAt: callRecords.startedAt,
      lang: callRecords.lang,
      connectedProfessionalId: callRecords.connectedProfessionalId,
      name: territories.name,
      timeZone: territories.timeZone,
      crraNumber: territories.crraNumber,
      regionalRegulationNumber: territories.regionalRegulationNumber,
    })
    .from(callRecords)
    .leftJoin(territories, eq(territories.id, callRecords.territoryId))
    .where('id' in ref ? eq(callRecords.id, ref.id) : eq(callRecords.callSid, ref.sid))
    .limit(1);
  if (!row) return null;
  const { name, timeZone, crraNumber, regionalRegulationNumber, ...call } = row;
  return {
    ...call,
    territory:
      name !== null && timeZone !== null && regionalRegulationNumber !== null
        ? { name, timeZone, crraNumber, regionalRegulationNumber }
        : null,
  };
}

/**
 * The professionals a keypress bridged to the patient on this call: each ring whose attempt was
 * accepted on its screening leg (the call record names who answered only once the Dial is over).
 */
export async function acceptedProfessionalsOf(db: Queryable, callSid: string): Promise<string[]> {
  const events = await db
    .select({
      kind: callEvents.kind,
      professionalId: callEvents.professionalId,
      detail: callEvents.detail,
    })
    .from(callEvents)
    .where(and(eq(callEvents.callSid, callSid), inArray(callEvents.kind, ['ring', 'accepted'])));
  const accepted = new Set(
    events.filter((e) => e.kind === 'accepted').map((e) => e.detail.attempt),
  );
  return events
    .filter((e) => e.kind === 'ring' && e.professionalId && accepted.has(e.detail.attempt))
    .map((e) => e.professionalId!);
}

const handoffKey = (callSid: string) => `${callSid}/crra_handoff`;

/** Was this call already handed to the CRRA? */
export async function wasHandedOff(db: Queryable, callSid: string): Promise<boolean> {
  const [row] = await db
    .select({ id: callEvents.id })
    .from(callEvents)
    .where(eq(callEvents.dedupeKey, handoffKey(callSid)))
    .limit(1);
  return Boolean(row);
}

/**
 * The hand-off in the call's path (once per call); false when it was already there. Written
 * BEFORE the redirect: the unique dedupe key is the claim two concurrent hand-offs race for.
 */
export async function recordHandoff(
  db: Queryable,
  h: { callSid: string; at: Date; professionalId: string | null; userId: string },
): Promise<boolean> {
  const rows = await db
    .insert(callEvents)
    .values({
      callSid: h.callSid,
      at: h.at,
      kind: 'visit',
      node: 'crra_handoff',
      professionalId: h.professionalId,
      detail: { by: h.userId },
      dedupeKey: handoffKey(h.callSid),
    })
    .onConflictDoNothing()
    .returning({ id: callEvents.id });
  return rows.length > 0;
}

/** Takes back a claimed hand-off whose redirect failed: a later try may hand off again. */
export async function releaseHandoff(db: Queryable, callSid: string): Promise<void> {
  await db.delete(callEvents).where(eq(callEvents.dedupeKey, handoffKey(callSid)));
}
