import type { Logger } from '../platform/logger.js';
import { isHiddenCaller } from '../platform/phone-numbers.js';
import type { VoiceParams } from '../twilio/webhook-params.js';
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
  // A call on the professionals' line is traced in advice_calls, not as a patient call.
  if (room.cache?.recall(params.To ?? '', room.deps.now())?.line === 'professional') return;
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
