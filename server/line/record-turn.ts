import type { Effect } from '../../ivr-flows/types.js';
import type { Logger } from '../platform/logger.js';
import { isHiddenCaller } from '../platform/phone-numbers.js';
import { recordEffects, writesToDatabase } from './apply-effects.js';
import type { LiveCalls, Reach } from './call-state.js';
import { doctorContacts } from './contacts.js';
import { holdQueueOf } from './flow-context.js';
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
  for (const effect of effects) await applyLiveFact(room.live, turn, effect);
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

async function applyLiveFact(live: LiveCalls, turn: Turn, effect: Effect): Promise<void> {
  const { callSid, now } = turn;
  switch (effect.kind) {
    case 'accepted': {
      await live.accept(callSid, effect.attempt, now);
      // The keypress starts the bridge: from now on this professional is busy with this patient.
      const contact = turn.line ? doctorContacts(turn.line, now)[effect.attempt] : undefined;
      if (contact?.professionalId) {
        await live.bridge(contact.professionalId, callSid, reachOf(turn, contact.phone));
      }
      break;
    }
    case 'queue_taken': {
      const pro = turn.url.offer?.pro;
      const next = await live.nextHolding(effect.queue);
      if (pro && next) await live.bridge(pro, next, null);
      break;
    }
    case 'visit':
      if (effect.node === 'hold' && turn.flow) await live.hold(turn.flow.holdQueue, callSid);
      break;
    case 'left_hold':
      await live.unhold(callSid);
      break;
    default:
      break;
  }
}

function reachOf(turn: Turn, phone: string): Reach | null {
  const line = turn.line;
  if (!line) return null;
  return {
    phone,
    queue: holdQueueOf(line.territory.territory.id),
    lineNumber: line.calledNumber,
    territoryName: line.territory.territory.name,
  };
}
