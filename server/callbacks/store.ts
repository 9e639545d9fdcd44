import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { callbackRequests } from '../../db/schema/index.js';
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
