import {
  busyChoice,
  dialResult,
  holdResult,
  holdTaken,
  holdWait,
  menuChoice,
  pharmacySms,
  queueOffer,
  queueTake,
  safeFallback,
  screenLeg,
  screenResult,
  type FlowContext,
  type FlowResult,
} from '../../ivr-flows/index.js';
import { wasAccepted } from './call-record-store.js';
import { holdingCallers } from './hold-offers.js';
import { reachOf } from './live-facts.js';
import type { LiveCalls } from './call-state.js';
import type { LineRoom, Turn } from './turn.js';

const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Default hold limit when the territory cannot be loaded (the column's default). */
const defaultHoldLimitSeconds = 180;

type NodeHandler = (turn: Turn, room: LineRoom) => Promise<FlowResult> | FlowResult;
type FlowHandler = (
  turn: Turn & { flow: FlowContext },
  room: LineRoom,
) => Promise<FlowResult> | FlowResult;

/** Nodes that need the territory: without it (unknown number, no cache), the safe fallback. */
const needsFlow =
  (fn: FlowHandler): NodeHandler =>
  (turn, room) =>
    turn.flow ? fn(turn as Turn & { flow: FlowContext }, room) : fallbackFor(turn, null);

const nameOf = (turn: Turn) => turn.line?.territory.territory.name ?? 'la plateforme';

/**
 * Each webhook of the patient line after the first, as a lookup table of nodes: read the turn,
 * call the flow. No node writes anything: what a flow returns is recorded by record-turn.ts.
 */
export const voiceNodes: Record<string, NodeHandler> = {
  menu: needsFlow(({ flow, url, params }) => menuChoice(flow, url.state, params.Digits)),
  'pharmacy-sms': ({ url, params }) => pharmacySms(url.state, params.Digits),
  'dial-result': needsFlow(async ({ flow, url, params, callSid }, { live, deps }) => {
    const { attempt } = url.state;
    const accepted =
      (await live.wasAccepted(callSid, attempt)) ||
      (await withTimeout(wasAccepted(deps.db.db, callSid, attempt), 1000).catch(() => false));
    return dialResult(
      withRung(flow, url.state.attempt, url.rung),
      url.state,
      params.DialCallStatus,
      accepted,
    );
  }),
  'busy-choice': needsFlow(({ flow, url, params }) =>
    busyChoice(flow, url.state, url.silent ? '1' : params.Digits),
  ),
  'hold-wait': ({ url, params, flow }) =>
    holdWait(
      url.state,
      params.QueuePosition ?? 1,
      params.QueueTime ?? 0,
      flow?.holdLimitSeconds ?? defaultHoldLimitSeconds,
    ),
  'hold-result': needsFlow(({ flow, url, params }) =>
    holdResult(flow, url.state, params.QueueResult),
  ),
  'queue-offer': (turn) =>
    queueOffer(nameOf(turn), turn.url.offer ?? { queue: '', line: '', pro: '' }),
  'queue-take': async (turn, { live, deps }) => {
    const { url, params } = turn;
    const offer = url.offer ?? { queue: '', line: '', pro: '' };
    if (params.Digits !== '1' || !offer.pro) return queueTake(offer.queue, params.Digits);
    // Twilio's REST API slow or failing: take anyway (the <Dial><Queue> finds whoever holds).
    const holding = await withTimeout(holdingCallers(deps, offer.queue), 3000).catch(() => null);
    if (holding?.length === 0) return queueTake(offer.queue, params.Digits, 'empty');
    // Claimed on the doctor's own leg, not on the caller read above: <Dial><Queue> takes whoever
    // is oldest when it runs (two doctors pressing 1 together take two callers), and the offer
    // call's status callback then frees exactly this doctor, whichever caller they took.
    const claim = { professionalId: offer.pro, callSid: params.CallSid, legSid: params.CallSid };
    const claimed = await live.bridge(claim, reachOf(turn, params.To)).catch(() => true);
    return queueTake(offer.queue, params.Digits, claimed ? 'claimed' : 'refused', offer.pro);
  },
  // Twilio's <Queue url>, on the patient's call a doctor just took: who took them is the bridge
  // claimed on the dialling leg (DequeingCallSid), else the doctor that leg's URL named.
  'queue-dequeued': async (turn, { live }) => {
    const { params, url, flow } = turn;
    const claimed = await withTimeout(doctorOnLeg(live, params.DequeingCallSid), 1000).catch(
      () => null,
    );
    // An id that cannot be a professional's would only make the record's write fail.
    const named = url.rung && uuidShape.test(url.rung) ? url.rung : null;
    return holdTaken(flow, url.state, claimed ?? named);
  },

  screen: (turn) =>
    screenLeg(
      nameOf(turn),
      turn.url.leg ?? {
        call: '',
        line: turn.calledNumber,
        attempt: turn.url.state.attempt,
        pro: '',
      },
    ),
  'screen-result': async (turn, { live }) => {
    const { url, params } = turn;
    const leg = url.leg;
    if (params.Digits !== '1' || !leg?.pro) return screenResult(url.state.attempt, params.Digits);
    // The professional named in the URL (the one rung), claimed atomically: two patients who rang
    // them at once cannot both be bridged. Shared storage unreachable: connect rather than lose.
    const claim = { professionalId: leg.pro, callSid: leg.call, legSid: params.CallSid };
    const claimed = await live.bridge(claim, reachOf(turn, params.To)).catch(() => true);
    return screenResult(url.state.attempt, params.Digits, claimed);
  },
};

/** The professional whose own leg (a queue offer's call) is `legSid`, from the live bridges. */
async function doctorOnLeg(live: LiveCalls, legSid: string | undefined): Promise<string | null> {
  if (!legSid) return null;
  const bridge = (await live.bridges()).find((b) => b.legSid === legSid);
  return bridge?.professionalId ?? null;
}

/**
 * The flow context with the contact that was really rung at `attempt` (named in the Dial action's
 * URL): at a shift boundary the rota's contact at that position is already someone else, and the
 * record must say who answered.
 */
function withRung(flow: FlowContext, attempt: number, rung: string | null): FlowContext {
  const listed = flow.contacts[attempt];
  if (!rung || !listed || listed.professionalId === rung) return flow;
  const known = flow.contacts.find((c) => c.professionalId === rung);
  const contact = known ?? { ...listed, professionalId: rung, name: '', phone: '', shiftId: null };
  const contacts = [...flow.contacts];
  contacts[attempt] = {
    ...contact,
    source: contact.source === 'fallback' ? 'shift' : contact.source,
  };
  return { ...flow, contacts };
}

/** The apology and the staffed fallback line (or a clear instruction), in the caller's language. */
export function fallbackFor(turn: Turn, number: string | null): FlowResult {
  const territory = turn.line?.territory.territory;
  // centre15 mode never rings the doctors' fallback line: the CRRA, or the clear instruction.
  if (territory?.regulationMode === 'centre15')
    return safeFallback(territory.crraNumber, turn.url.state.lang);
  return safeFallback(number ?? territory?.fallbackNumber ?? null, turn.url.state.lang);
}

export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>(
      (_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)),
    ),
  ]).finally(() => clearTimeout(timer));
}
