import { and, eq, isNull } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { callbackAttempts, callbackRequests, territories } from '../../db/schema/index.js';
import type { CallbackRef } from '../../ivr-flows/call-url.js';
import { attemptIs } from './store.js';

/** The queries of a callback's outgoing call, named by what its webhooks need. */

/** The ring a webhook URL names, as the job's key names it. */
const attemptOf = (ref: CallbackRef) =>
  attemptIs({ callbackId: ref.callback, attempt: ref.round, contactIndex: ref.contact });

/** The callback request a call is about, with its territory's name; null if unknown. */
export async function callbackOfCall(db: Queryable, ref: CallbackRef) {
  const [row] = await db
    .select({ request: callbackRequests, territoryName: territories.name })
    .from(callbackRequests)
    .innerJoin(territories, eq(territories.id, callbackRequests.territoryId))
    .where(eq(callbackRequests.id, ref.callback));
  return row ?? null;
}

/** The attempt a call is, as stored; undefined if the job never stored it. */
export async function attemptOfCall(db: Queryable, ref: CallbackRef) {
  const [attempt] = await db.select().from(callbackAttempts).where(attemptOf(ref));
  return attempt;
}

export async function setAttemptStatus(
  db: Queryable,
  ref: CallbackRef,
  status: string,
  at: Date,
): Promise<void> {
  await db.update(callbackAttempts).set({ status, updatedAt: at }).where(attemptOf(ref));
}

/** Twilio has the call: keep its sid, even if the job that placed it died before hearing it. */
export async function attemptRinging(
  db: Queryable,
  ref: CallbackRef,
  callSid: string,
  at: Date,
): Promise<void> {
  await db
    .update(callbackAttempts)
    .set({ callSid, status: 'ringing', updatedAt: at })
    .where(and(attemptOf(ref), isNull(callbackAttempts.callSid)));
}

/** The patient was reached: the request is done. */
export async function callbackDone(db: Queryable, ref: CallbackRef, at: Date): Promise<void> {
  await db
    .update(callbackRequests)
    .set({ status: 'done', completedAt: at })
    .where(eq(callbackRequests.id, ref.callback));
}

/** The rounds tried so far on a request. */
export async function callbackRoundsTried(db: Queryable, ref: CallbackRef): Promise<void> {
  await db
    .update(callbackRequests)
    .set({ attempts: ref.round })
    .where(eq(callbackRequests.id, ref.callback));
}
