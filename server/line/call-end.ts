import type { Logger } from '../platform/logger.js';
import { isHiddenCaller } from '../platform/phone-numbers.js';
import type { VoiceParams } from '../twilio/webhook-params.js';
import { loadLineContext, type LineContext } from './line-context.js';
import { commitOrKeep } from './record-turn.js';
import type { LineRoom } from './turn.js';

/**
 * The end of a patient call (its status callback), written like a turn: committed within the
 * bound, or kept in the outbox and committed from there. Its parties come with it: if the call's
 * opening still waits in the outbox, the record is created now and the opening completes it.
 */
export async function recordCallEnd(
  room: Pick<LineRoom, 'deps' | 'breaker' | 'openings' | 'outbox'> &
    Partial<Pick<LineRoom, 'cache'>>,
  params: VoiceParams,
  key: string,
  log: Logger,
): Promise<void> {
  if (!params.CallSid || !params.CallStatus) return;
  // A professional's leg (a screened <Number>, a queue offer) reports its end here too, to free
  // them; it has no record of its own and must not create one.
  if (params.ParentCallSid || (params.Direction && params.Direction !== 'inbound')) return;
  // A call on the professionals' line is traced in advice_calls, not as a patient call. This
  // instance may never have seen the call (another one took its webhooks, or a restart): then
  // the line is loaded as a turn loads it, bounded; if that fails, commitWrites checks again.
  const to = params.To ?? '';
  const line = room.cache?.recall(to, room.deps.now()) ?? (await loadLine(room, to));
  if (line?.line === 'professional') return;
  await commitOrKeep(
    room,
    {
      key: `end-${key}`,
      callSid: params.CallSid,
      at: room.deps.now(),
      parties: {
        territoryId: null,
        fromNumber: params.From ?? 'anonymous',
        toNumber: params.To ?? '',
        callerHidden: isHiddenCaller(params.From),
      },
      events: [],
      sms: [],
      ended: { status: params.CallStatus, durationSeconds: params.CallDuration ?? null },
    },
    log,
  );
}

/** Database reads of a call's end give up after this long, as a turn's do. */
const loadWithinMs = 1500;

function loadLine(
  room: Pick<LineRoom, 'deps' | 'breaker'> & Partial<Pick<LineRoom, 'cache'>>,
  to: string,
): Promise<LineContext | null> {
  const { deps, breaker, cache } = room;
  const now = deps.now();
  const load = () => loadLineContext(deps.db.db, to, now);
  return breaker
    .guard(loadWithinMs, () => (cache ? cache.loadOnce(to, load) : load()))
    .then(
      (fresh) => (fresh && cache?.remember(fresh), fresh),
      () => null,
    );
}
