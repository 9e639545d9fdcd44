import type { Effect } from '../../ivr-flows/types.js';
import type { Logger } from '../platform/logger.js';
import { isHiddenCaller } from '../platform/phone-numbers.js';
import { recordEffects, writesToDatabase } from './apply-effects.js';
import { applyLiveFact } from './live-facts.js';
import type { LineRoom, Turn } from './turn.js';

/** Database writes of a turn give up after this long: the caller is answered anyway. */
const writeWithinMs = 1500;

/**
 * Records what a flow step did: exactly the effects it returned, each fact by its one writer.
 * 1. Live-call facts (acceptance, who is bridged, who holds) in `LiveCalls`: they work with
 *    PostgreSQL down, and the next webhook of the call may need them.
 * 2. The call's opening (record and first visit) through the opening batch; kept and written
 *    later if PostgreSQL does not answer, since every call must have its record.
 * 3. Events and record updates behind the database breaker, bounded in time; a callback request
 *    is written before the caller is told it is (the answer waits for this).
 */
export async function recordTurn(
  room: LineRoom,
  turn: Turn,
  effects: Effect[],
  log: Logger,
): Promise<void> {
  // The database keeps the acceptance too (dial-result reads both): a Redis error is not fatal.
  for (const effect of effects)
    await applyLiveFact(room, turn, effect).catch((err) =>
      log.warn({ err }, 'live-call fact not stored'),
    );
  const opening = effects.find((e) => e.kind === 'open_call');
  if (opening) {
    const call = {
      callSid: turn.callSid,
      territoryId: turn.line?.territory.territory.id ?? null,
      fromNumber: turn.params.From ?? 'anonymous',
      toNumber: turn.params.To ?? '',
      callerHidden: isHiddenCaller(turn.params.From),
      startedAt: turn.now,
    };
    // Shared with the calls arriving alongside: one statement for many new calls.
    const open = () => room.openings.open(call, { kind: 'visit', node: opening.node });
    await room.breaker.guard(writeWithinMs, open).catch((err) => {
      room.breaker.retryLater(open);
      log.warn({ err }, 'call record delayed; routing anyway');
    });
  }
  if (!effects.some(writesToDatabase)) return;
  await room.breaker
    .guard(writeWithinMs, () => recordEffects(room.deps, turn, effects))
    .catch((err) => log.error({ err }, 'call effects not recorded'));
}
