import type { Effect } from '../../ivr-flows/types.js';
import type { Reach } from './call-state.js';
import { doctorContacts } from './contacts.js';
import { holdQueueOf } from './flow-context.js';
import type { LineRoom, Turn } from './turn.js';

/**
 * The live-call fact of one effect (record-turn.ts calls it first, before any database write).
 * Bridges are claimed by the nodes themselves (screen-result, queue-take), since the claim decides
 * what the professional hears; holding is Twilio's queue. What is left here is the acceptance the
 * Dial action reads, and the bridge of a screening URL from before the professional id was in it.
 */
export async function applyLiveFact(room: LineRoom, turn: Turn, effect: Effect): Promise<void> {
  if (effect.kind !== 'accepted') return;
  await room.live.accept(turn.callSid, effect.attempt);
  const leg = turn.url.leg;
  if (leg && !leg.pro && turn.line) {
    // A URL of the release before names no professional: the rota's contact at that position.
    const contact = doctorContacts(turn.line, turn.now)[effect.attempt];
    if (contact?.professionalId)
      await room.live.bridge(
        {
          professionalId: contact.professionalId,
          callSid: turn.callSid,
          legSid: turn.params.CallSid,
        },
        reachOf(turn, contact.phone),
      );
  }
}

/** Where to reach the professional on this turn's line once their call ends. */
export function reachOf(turn: Turn, phone: string | undefined): Reach | null {
  const line = turn.line;
  if (!line || !phone) return null;
  return {
    phone,
    queue: holdQueueOf(line.territory.territory.id),
    lineNumber: line.calledNumber,
    territoryName: line.territory.territory.name,
  };
}
