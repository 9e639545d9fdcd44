import type { Effect } from '../../ivr-flows/types.js';
import type { Logger } from '../platform/logger.js';
import { commitWrites, planWrites } from './apply-effects.js';
import { handOverFollowUps } from './call-follow-ups.js';
import { errorCodeOf, isDataError } from './database-errors.js';
import { recordDeadLetter } from './dead-letters.js';
import { applyLiveFact } from './live-facts.js';
import type { LineRoom, Turn } from './turn.js';
import { hasWrites, type TurnWrites } from './turn-writes.js';

/** Database writes of a turn give up after this long: the rest waits in the outbox. */
export const writeWithinMs = 1500;
/** Keeping a turn in the outbox gives up after this long (Redis bounds each command to 1 s). */
const keepWithinMs = 1500;
/** The queue's part of a committed turn (rings, SMS) gives up after this long. */
const handOverWithinMs = 1500;

/** What the caller may be told: false when a callback was announced but is neither stored nor kept. */
export interface TurnRecorded {
  callbackSafe: boolean;
}

/**
 * Records what a flow step did: exactly the effects it returned, each fact by its one writer.
 * 1. Live-call facts (acceptance, who is bridged, who holds) in `LiveCalls`: they work with
 *    PostgreSQL down, and the next webhook of the call may need them.
 * 2. The call's opening through the opening batch (one statement for the calls arriving together).
 * 3. The turn's other rows behind the database breaker, bounded in time, then its follow-ups.
 * Whatever PostgreSQL did not take in time waits in the durable outbox (turn-outbox.ts) and is
 * committed from there by the replayer; a write refused for its data is a dead letter. A turn
 * neither committed nor kept is reported: the caller must not be promised a callback then.
 */
export async function recordTurn(
  room: LineRoom,
  turn: Turn,
  effects: Effect[],
  log: Logger,
): Promise<TurnRecorded> {
  // The database keeps the acceptance too (dial-result reads both): a Redis error is not fatal.
  for (const effect of effects)
    await applyLiveFact(room, turn, effect).catch((err: unknown) =>
      log.warn({ code: errorCodeOf(err) }, 'live-call fact not stored'),
    );
  return commitOrKeep(room, planWrites(turn, effects, turn.key), log);
}

/**
 * Commits a turn's writes within the bound (the opening through the shared batch), then hands its
 * follow-ups to the queue; keeps them in the outbox when PostgreSQL cannot take them.
 */
export async function commitOrKeep(
  room: Pick<LineRoom, 'deps' | 'breaker' | 'openings' | 'outbox'>,
  writes: TurnWrites,
  log: Logger,
): Promise<TurnRecorded> {
  if (!hasWrites(writes)) return { callbackSafe: true };
  let pending: TurnWrites = writes;
  try {
    if (writes.opening) {
      const { opening, ...rest } = writes;
      const call = { ...opening.call, callSid: writes.callSid, startedAt: writes.at };
      const event = { kind: 'visit', node: opening.node };
      await room.breaker.guard(writeWithinMs, () => room.openings.open(call, event));
      pending = rest;
    }
    if (!hasWrites(pending)) return { callbackSafe: true };
    const callback = await room.breaker.guard(writeWithinMs, () =>
      commitWrites(room.deps, pending),
    );
    await bounded(handOverFollowUps(room.deps, pending, callback), handOverWithinMs).catch(
      (err: unknown) => log.warn({ code: errorCodeOf(err) }, 'follow-ups left for the sweeps'),
    );
    return { callbackSafe: true };
  } catch (err) {
    if (isDataError(err)) {
      // Retrying cannot help; the caller hears the fallback line rather than a promise.
      recordDeadLetter(log, err, writes.callSid);
      return { callbackSafe: !pending.callback };
    }
    return keep(room, pending, log);
  }
}

/** PostgreSQL did not take the turn: keep it in the outbox, or say it is lost. */
async function keep(
  room: Pick<LineRoom, 'outbox'>,
  writes: TurnWrites,
  log: Logger,
): Promise<TurnRecorded> {
  try {
    await bounded(room.outbox.keep(writes), keepWithinMs);
    log.warn({ outbox: room.outbox.kind }, 'call writes kept in the outbox: database unavailable');
    return { callbackSafe: true };
  } catch (err) {
    recordDeadLetter(log, err, writes.callSid, 'outbox_unavailable');
    return { callbackSafe: !writes.callback };
  }
}

function bounded<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expiry = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, expiry]).finally(() => clearTimeout(timer));
}
