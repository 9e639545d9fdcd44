import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { callbackAttempts, callbackRequests } from '../../db/schema/index.js';
import { readableTerritories, type Actor } from '../access/actor.js';

export type CallbackRow = typeof callbackRequests.$inferSelect;

export interface NewCallback {
  territoryId: string;
  serviceId: string | null;
  callSid: string | null;
  patientNumber: string;
  lang: string;
  reason: string;
  dueBy: Date;
  /** When the caller asked (the turn's time, even when the write is replayed later). */
  createdAt?: Date;
}

/**
 * Records a callback request; one open request per patient number and territory, so a
 * patient who calls three times gets one callback, not three.
 */
export async function requestCallback(
  db: Queryable,
  request: NewCallback,
): Promise<{ callback: CallbackRow; created: boolean }> {
  const [inserted] = await db
    .insert(callbackRequests)
    .values(request)
    .onConflictDoNothing()
    .returning();
  if (inserted) return { callback: inserted, created: true };
  const [existing] = await db
    .select()
    .from(callbackRequests)
    .where(
      and(
        eq(callbackRequests.territoryId, request.territoryId),
        eq(callbackRequests.patientNumber, request.patientNumber),
        inArray(callbackRequests.status, ['pending', 'in_progress']),
      ),
    )
    .limit(1);
  if (!existing) throw new Error('callback request neither inserted nor found');
  return { callback: existing, created: false };
}

/** Callback rows not yet handed to the queue (Redis was down, or the process died in between). */
export async function callbacksToEnqueue(db: Queryable, limit = 100): Promise<CallbackRow[]> {
  return db
    .select()
    .from(callbackRequests)
    .where(and(eq(callbackRequests.status, 'pending'), isNull(callbackRequests.enqueuedAt)))
    .orderBy(callbackRequests.createdAt)
    .limit(limit);
}

export async function markEnqueued(db: Queryable, id: string, at: Date): Promise<void> {
  await db.update(callbackRequests).set({ enqueuedAt: at }).where(eq(callbackRequests.id, id));
}

/** The latest callback requests of the territories the actor reads, newest first. */
export function callbacksReadableBy(
  db: Queryable,
  actor: Actor,
  limit: number,
): Promise<CallbackRow[]> {
  return db
    .select()
    .from(callbackRequests)
    .where(readableTerritories(actor, callbackRequests.territoryId))
    .orderBy(desc(callbackRequests.createdAt))
    .limit(limit);
}

export async function callbackById(db: Queryable, id: string): Promise<CallbackRow | null> {
  const [row] = await db.select().from(callbackRequests).where(eq(callbackRequests.id, id));
  return row ?? null;
}

/** One ring of a callback: (callback, round, contact). */
export interface AttemptKey {
  callbackId: string;
  attempt: number;
  contactIndex: number;
}
/** The row of one ring, by its key. */
export const attemptIs = (k: AttemptKey) =>
  and(
    eq(callbackAttempts.callbackId, k.callbackId),
    eq(callbackAttempts.attempt, k.attempt),
    eq(callbackAttempts.contactIndex, k.contactIndex),
  );

/**
 * Claims a ring before dialling. Already claimed: the call SID an earlier run stored (or the
 * 'initiated' status webhook did), null when that run never reached Twilio.
 */
export async function claimAttempt(
  db: Queryable,
  key: AttemptKey,
  professionalId: string | null,
): Promise<{ claimed: true } | { claimed: false; callSid: string | null }> {
  const [claimed] = await db
    .insert(callbackAttempts)
    .values({ ...key, professionalId })
    .onConflictDoNothing()
    .returning();
  if (claimed) return { claimed: true };
  const [existing] = await db.select().from(callbackAttempts).where(attemptIs(key));
  return { claimed: false, callSid: existing?.callSid ?? null };
}

/** The ring is placed: its SID is kept, and the request is in progress with that professional. */
export async function markRinging(
  db: Queryable,
  key: AttemptKey,
  callSid: string,
  professionalId: string | null,
  at: Date,
): Promise<void> {
  await db
    .update(callbackAttempts)
    .set({ callSid, status: 'ringing', updatedAt: at })
    .where(attemptIs(key));
  await db
    .update(callbackRequests)
    .set({ status: 'in_progress', assignedProfessionalId: professionalId })
    .where(eq(callbackRequests.id, key.callbackId));
}

/** After the last round: the request is closed as failed. */
export async function markCallbackFailed(
  db: Queryable,
  id: string,
  reason: string,
  at: Date,
): Promise<void> {
  await db
    .update(callbackRequests)
    .set({ status: 'failed', lastError: reason, completedAt: at })
    .where(eq(callbackRequests.id, id));
}

/** Closed without a ring: why goes in lastError (a centre15 territory rings no doctor). */
export async function markCallbackCancelled(
  db: Queryable,
  id: string,
  reason: string,
  at: Date,
): Promise<void> {
  await db
    .update(callbackRequests)
    .set({ status: 'cancelled', lastError: reason, completedAt: at })
    .where(eq(callbackRequests.id, id));
}
