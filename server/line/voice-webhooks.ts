import { Router, type Request, type Response } from 'express';
import type { CallOpeningBatch } from './call-opening-batch.js';
import { wasAccepted } from './call-record-store.js';
import {
  busyChoice,
  decodeState,
  dialResult,
  holdResult,
  holdWait,
  menuChoice,
  pharmacySms,
  safeFallback,
  screenLeg,
  screenResult,
  startCall,
  queueOffer,
  queueTake,
  type FlowContext,
  type FlowResult,
} from '../../ivr-flows/index.js';
import type { AppDeps } from '../platform/deps.js';
import type { CallBoards } from './call-boards.js';
import { doctorContacts } from './contacts.js';
import type { DatabaseBreaker } from './database-breaker.js';
import { loadLineContext, type LineContext, type LineContextCache } from './line-context.js';
import { isHiddenCaller } from '../platform/phone-numbers.js';
import { applyEffects } from './apply-effects.js';
import { flowContextOf, holdQueueOf } from './flow-context.js';
import { renderTwiml } from '../twilio/twiml.js';
import { voiceParams, type VoiceParams } from '../twilio/webhook-params.js';

/** Twilio gives up after 15 s; we answer safe TwiML well before. */
const answerWithinMs = 8000;
const loadWithinMs = 1500;
const writeWithinMs = 1500;

interface Turn {
  params: VoiceParams;
  query: Record<string, unknown>;
  line: LineContext | null;
  flow: FlowContext | null;
}

type NodeHandler = (
  turn: Turn,
  deps: AppDeps,
  boards: CallBoards,
) => Promise<FlowResult> | FlowResult;

type LineHandler = (
  turn: Turn & { flow: FlowContext },
  deps: AppDeps,
  boards: CallBoards,
) => Promise<FlowResult> | FlowResult;
/** Nodes that need the territory: without it (unknown number, no cache), the safe fallback. */
const needsLine =
  (fn: LineHandler): NodeHandler =>
  (turn, deps, boards) =>
    turn.flow ? fn(turn as Turn & { flow: FlowContext }, deps, boards) : fallbackFor(turn, null);

/** Each webhook of the patient line, as a lookup table of nodes. */
const nodes: Record<string, NodeHandler> = {
  menu: needsLine(({ flow, query, params }) => menuChoice(flow, decodeState(query), params.Digits)),
  'pharmacy-sms': ({ query, params }) => pharmacySms(decodeState(query), params.Digits),
  'dial-result': needsLine(async ({ flow, query, params }, deps, boards) => {
    const state = decodeState(query);
    const accepted =
      boards.wasAccepted(params.CallSid, state.attempt) ||
      (await withTimeout(wasAccepted(deps.db.db, params.CallSid, state.attempt), 1000).catch(
        () => false,
      ));
    return dialResult(flow, state, params.DialCallStatus, accepted);
  }),
  'busy-choice': needsLine(({ flow, query, params }) =>
    busyChoice(flow, decodeState(query), query.d === '1' ? '1' : params.Digits),
  ),
  'hold-wait': ({ query, params }) => holdWait(decodeState(query), params.QueuePosition ?? 1),
  'hold-result': needsLine(({ flow, query, params }, _deps, boards) => {
    boards.unhold(params.CallSid);
    return holdResult(flow, decodeState(query), params.QueueResult);
  }),
  'queue-offer': ({ query, line }) =>
    queueOffer(
      line?.territory.territory.name ?? 'la plateforme',
      `/twilio/voice/queue-take?${new URLSearchParams({ q: String(query.q ?? ''), t: String(query.t ?? ''), p: String(query.p ?? '') })}`,
    ),
  'queue-take': ({ query, params }, _deps, boards) => {
    const queue = String(query.q ?? '');
    const next = boards.nextHolding(queue);
    if (params.Digits === '1' && next && typeof query.p === 'string')
      boards.markBridged(query.p, next);
    return queueTake(queue, params.Digits);
  },
  screen: ({ query, line }) =>
    screenLeg(
      line?.territory.territory.name ?? 'la plateforme',
      decodeState(query).attempt,
      String(query.c ?? ''),
      String(query.t ?? ''),
    ),
  'screen-result': ({ query, params, line }, deps, boards) => {
    const attempt = decodeState(query).attempt;
    // The keypress starts the bridge: from now on this doctor is busy with this patient.
    const contact =
      params.Digits === '1' && line ? doctorContacts(line, deps.now())[attempt] : undefined;
    if (contact?.professionalId && line) {
      boards.markBridged(contact.professionalId, String(query.c ?? ''), {
        phone: contact.phone,
        queue: holdQueueOf(line.territory.territory.id),
        lineNumber: line.calledNumber,
        territoryName: line.territory.territory.name,
      });
    }
    return screenResult(attempt, params.Digits);
  },
};

/** The patient line: POST /twilio/voice, then /twilio/voice/:node for every Gather and Dial. */
export function voiceRouter(
  deps: AppDeps,
  cache: LineContextCache,
  boards: CallBoards,
  breaker: DatabaseBreaker,
  openings: CallOpeningBatch,
): Router {
  const router = Router();
  const answer = (
    req: Request,
    res: Response,
    handle: (turn: Turn) => Promise<FlowResult> | FlowResult,
  ) => answerTurn(req, res, { deps, cache, boards, breaker }, handle);
  router.post('/voice', (req, res) =>
    answer(req, res, async (turn) => {
      if (!turn.line || !turn.flow) return fallbackFor(turn, deps.config.FALLBACK_NUMBER ?? null);
      const line = turn.line;
      const result = startCall(turn.flow);
      const call = {
        callSid: turn.params.CallSid,
        territoryId: line.territory.territory.id,
        fromNumber: turn.params.From ?? 'anonymous',
        toNumber: turn.params.To ?? '',
        callerHidden: isHiddenCaller(turn.params.From),
        startedAt: deps.now(),
      };
      // The record and the greeting visit in one statement, shared with the calls arriving alongside.
      const open = () => openings.open(call, { kind: 'visit', node: 'greeting' });
      await breaker.guard(writeWithinMs, open).catch((err) => {
        // Every call must have its record: kept and written when PostgreSQL answers again.
        breaker.retryLater(open);
        req.log.warn({ err }, 'call record delayed; routing anyway');
      });
      return {
        steps: result.steps,
        effects: result.effects.filter((e) => !(e.kind === 'visit' && e.node === 'greeting')),
      };
    }),
  );
  router.post('/voice/:node', (req, res) => {
    const handler = nodes[String(req.params.node)];
    if (!handler) return answer(req, res, (turn) => fallbackFor(turn, null));
    return answer(req, res, (turn) => handler(turn, deps, boards));
  });
  return router;
}

interface VoiceRuntime {
  deps: AppDeps;
  cache: LineContextCache;
  boards: CallBoards;
  breaker: DatabaseBreaker;
}

/**
 * One webhook: load the line (or recall it when PostgreSQL is down), run the flow, record its
 * effects within a bounded time, answer TwiML. Any failure or delay answers the safe fallback.
 */
async function answerTurn(
  req: Request,
  res: Response,
  { deps, cache, boards, breaker }: VoiceRuntime,
  handle: (turn: Turn) => Promise<FlowResult> | FlowResult,
): Promise<void> {
  const params = voiceParams.parse(req.body ?? {});
  const query = req.query as Record<string, unknown>;
  const lang = decodeState(query).lang;
  // The screening leg is another call (its To is the doctor): it names its patient call and line.
  const onLeg = (typeof query.c === 'string' && query.c !== '') || typeof query.q === 'string';
  const callSid = typeof query.c === 'string' && query.c !== '' ? query.c : params.CallSid;
  const called = onLeg && typeof query.t === 'string' ? query.t : (params.To ?? '');
  let turn: Turn = { params, query, line: null, flow: null };
  const work = (async () => {
    const now = deps.now();
    const line =
      cache.fresh(called, now) ??
      (await breaker
        .guard(loadWithinMs, () =>
          cache.loadOnce(called, () => loadLineContext(deps.db.db, called, now)),
        )
        .then(
          (fresh) => (fresh && cache.remember(fresh), fresh),
          (err) => (
            req.log.warn({ err }, 'rota unavailable: routing from the last known rota'),
            cache.recall(called, now)
          ),
        ));
    turn = {
      ...turn,
      line,
      flow:
        line && !onLeg ? flowContextOf(line, { callSid, from: params.From }, now, boards) : null,
    };
    const result = await handle(turn);
    const scope = { callSid, from: params.From, lang, line, flow: turn.flow };
    // In-memory facts (acceptance, who is bridged) are applied even when the database is down.
    await breaker
      .guard(writeWithinMs, () => applyEffects(deps, boards, scope, result.effects))
      .catch((err) => {
        applyEffects(
          deps,
          boards,
          scope,
          result.effects.filter((e) => e.kind === 'accepted' || e.kind === 'connected'),
          { memoryOnly: true },
        ).catch(() => {});
        req.log.error({ err }, 'call effects not recorded');
      });
    return result;
  })();
  let result: FlowResult;
  try {
    result = await withTimeout(work, answerWithinMs);
  } catch (err) {
    req.log.error(
      { err, node: req.params.node ?? 'voice' },
      'voice webhook failed: answering safe TwiML',
    );
    result = fallbackFor(
      turn,
      turn.line?.territory.territory.fallbackNumber ??
        cache.anyFallbackFor(called) ??
        deps.config.FALLBACK_NUMBER ??
        null,
    );
  }
  res.status(200).type('text/xml').send(renderTwiml(result.steps, deps.publicUrl));
}

function fallbackFor(turn: Turn, number: string | null): FlowResult {
  return safeFallback(
    number ?? turn.line?.territory.territory.fallbackNumber ?? null,
    decodeState(turn.query).lang,
  );
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>(
      (_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)),
    ),
  ]).finally(() => clearTimeout(timer));
}
