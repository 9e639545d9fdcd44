import { randomUUID } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import {
  safeDequeuedAnswer,
  safeHoldWaitAnswer,
  safeLegAnswer,
  startCall,
  type FlowResult,
} from '../../ivr-flows/index.js';
import { renderTwiml } from '../twilio/twiml.js';
import { voiceParams } from '../twilio/webhook-params.js';
import { parseVoiceUrl } from './call-state.js';
import { recordTurn } from './record-turn.js';
import { bareTurn, loadTurn, type LineRoom, type Turn } from './turn.js';
import { fallbackFor, voiceNodes, withTimeout } from './voice-nodes.js';

/**
 * Twilio gives up after 15 s; we answer safe TwiML well before, and before a draining instance
 * cuts its connections (6 s): a webhook nginx then retries on the other instance still fits.
 * Each step inside is bounded on its own (database and outbox 1.5 s each).
 */
const answerWithinMs = 5000;

/** The patient line: POST /twilio/voice, then /twilio/voice/:node for every Gather and Dial. */
export function voiceRouter(room: LineRoom): Router {
  const router = Router();
  const noLine = room.deps.config.FALLBACK_NUMBER ?? null;
  router.post('/voice', (req, res) =>
    answerTurn(req, res, room, (turn) =>
      // Decided by the number called: the professionals' line is answered by server/advice.
      turn.line?.line === 'professional' && room.professionalLine
        ? room.professionalLine(turn)
        : turn.flow
          ? startCall(turn.flow)
          : fallbackFor(turn, noLine),
    ),
  );
  router.post('/voice/:node', (req, res) => {
    const node = voiceNodes[String(req.params.node)];
    return answerTurn(req, res, room, (turn) =>
      node ? node(turn, room) : fallbackFor(turn, null),
    );
  });
  return router;
}

/**
 * One webhook: parse what Twilio posted and what the URL carries, load the line (or recall it
 * when PostgreSQL is down), run the flow, record exactly what it returned within a bounded time,
 * answer TwiML. Any failure or delay answers the safe fallback: Twilio never gets an HTTP error.
 */
async function answerTurn(
  req: Request,
  res: Response,
  room: LineRoom,
  handle: (turn: Turn) => Promise<FlowResult> | FlowResult,
): Promise<void> {
  const { deps, cache } = room;
  const params = voiceParams.parse(req.body ?? {});
  let turn = bareTurn(params, parseVoiceUrl(req.query), deps.now(), turnKeyOf(req));
  const safe = () =>
    safeAnswerOn(String(req.params.node ?? ''), turn) ??
    fallbackFor(
      turn,
      turn.line?.territory.territory.fallbackNumber ??
        cache.anyFallbackFor(turn.calledNumber) ??
        deps.config.FALLBACK_NUMBER ??
        null,
    );
  const work = (async () => {
    turn = await loadTurn(room, turn, req.log);
    const result = await handle(turn);
    const recorded = await recordTurn(room, turn, result.effects, req.log);
    if (recorded.callbackSafe) return result;
    // Neither stored nor kept: no « enregistrée » then, but a person or a clear instruction.
    req.log.error({ node: req.params.node ?? 'voice' }, 'callback not stored: no promise made');
    return safe();
  })();
  let result: FlowResult;
  try {
    result = await withTimeout(work, answerWithinMs);
  } catch (err) {
    req.log.error(
      { err, node: req.params.node ?? 'voice' },
      'voice webhook failed: answering safe TwiML',
    );
    result = safe();
  }
  res.status(200).type('text/xml').send(renderTwiml(result.steps, deps.publicUrl));
}

/**
 * The safe answer where a <Dial> to the fallback line would be wrong: a professional's own leg
 * (screening, queue offer: an apology and hang up, the patient's call escalates by itself) and
 * the hold wait document (only <Leave/> is valid there). Null: the patient's call itself.
 */
export function safeAnswerOn(node: string, turn: Pick<Turn, 'url'>): FlowResult | null {
  if (node === 'hold-wait') return safeHoldWaitAnswer;
  // The <Queue url> of a caller being bridged: only Say, Play, Pause, Redirect are valid there.
  if (node === 'queue-dequeued') return safeDequeuedAnswer;
  if (turn.url.leg || turn.url.offer || professionalLegNodes.has(node))
    return safeLegAnswer(turn.url.state.lang);
  return null;
}
export const professionalLegNodes = new Set([
  'screen',
  'screen-result',
  'queue-offer',
  'queue-take',
]);

/** Twilio's idempotency token (the same on its retries of one webhook), or a key of our own. */
function turnKeyOf(req: Request): string {
  const token = req.header('i-twilio-idempotency-token');
  return token && /^[A-Za-z0-9-]{8,64}$/.test(token) ? token : randomUUID();
}
