import type { FlowContext, FlowResult } from '../../ivr-flows/types.js';
import type { AppDeps } from '../platform/deps.js';
import type { Logger } from '../platform/logger.js';
import type { VoiceParams } from '../twilio/webhook-params.js';
import type { CallOpeningBatch } from './call-opening-batch.js';
import type { LiveCalls, VoiceUrl } from './call-state.js';
import type { DatabaseBreaker } from './database-breaker.js';
import type { TurnOutbox } from './turn-outbox.js';
import { flowContextOf } from './flow-context.js';
import { loadLineContext, type LineContext, type LineContextCache } from './line-context.js';

/** The patient line's services, built once per process by server/webhooks.ts. */
export interface LineRoom {
  deps: AppDeps;
  cache: LineContextCache;
  live: LiveCalls;
  breaker: DatabaseBreaker;
  openings: CallOpeningBatch;
  /** Where a turn's writes wait, durably, while PostgreSQL cannot take them. */
  outbox: TurnOutbox;
  /** Answers the first webhook of a call to a professionals' line (server/advice). */
  professionalLine?: (turn: Turn) => Promise<FlowResult>;
}

/**
 * What one webhook of the patient line knows, in one place: what Twilio posted, what the URL
 * carried, which patient call it is about, the line called, what the flow may know, and the time.
 * Nodes read it, flows see its `flow`, effects are recorded against its `callSid`.
 */
export interface Turn {
  params: VoiceParams;
  url: VoiceUrl;
  /** The patient call: the posted CallSid, or the call a professional's leg names in its URL. */
  callSid: string;
  /** This webhook's idempotency key: its writes, committed twice, are recorded once. */
  key: string;
  /** The public number the patient called (a professional's leg names it in its URL). */
  calledNumber: string;
  line: LineContext | null;
  /** What the pure flows may know; null without a line, and on a professional's leg. */
  flow: FlowContext | null;
  now: Date;
}

/** Database reads of a turn give up after this long (the cached rota answers then). */
const loadWithinMs = 1500;

/** The turn before its line is loaded: enough to answer the safe fallback. */
export function bareTurn(params: VoiceParams, url: VoiceUrl, now: Date, key: string): Turn {
  const onLeg = url.leg !== null || url.offer !== null;
  const named = url.leg?.line || url.offer?.line;
  return {
    params,
    url,
    callSid: url.leg?.call ?? params.CallSid,
    key,
    calledNumber: onLeg && named ? named : (params.To ?? ''),
    line: null,
    flow: null,
    now,
  };
}

/**
 * Loads the line of a turn (or recalls it while PostgreSQL is down) and what the flow may know.
 * A professional's leg gets no flow context: it has no patient menu.
 */
export async function loadTurn(room: LineRoom, turn: Turn, log: Logger): Promise<Turn> {
  const { cache, breaker, deps } = room;
  const { calledNumber: called, now } = turn;
  const line =
    cache.fresh(called, now) ??
    (await breaker
      .guard(loadWithinMs, () =>
        cache.loadOnce(called, () => loadLineContext(deps.db.db, called, now)),
      )
      .then(
        (fresh) => (fresh && cache.remember(fresh), fresh),
        (err) => (
          log.warn({ err }, 'rota unavailable: routing from the last known rota'),
          cache.recall(called, now)
        ),
      ));
  const onLeg = turn.url.leg !== null || turn.url.offer !== null;
  // The professionals' line has no patient menu: server/advice answers it.
  const flow =
    line && !onLeg && line.line !== 'professional'
      ? await flowContextOf(line, { callSid: turn.callSid, from: turn.params.From }, now, room.live)
      : null;
  return { ...turn, line, flow };
}
