import { Router, type Request, type Response } from 'express';
import { safeFallback, safeLegAnswer, type FlowResult } from '../../ivr-flows/index.js';
import {
  adviceDialResult,
  adviceMenuChoice,
  adviceScreenLeg,
  adviceScreenResult,
  avisNotStored,
  welcomeProfessional,
  type AdviceResult,
} from '../../ivr-flows/professional-line.js';
import { parseAdviceUrl, type AdviceUrl } from '../../ivr-flows/professional-line-url.js';
import { specialtyLabel } from '../directory/national/codes.js';
import type { LiveCalls } from '../line/call-state.js';
import type { LineContextCache } from '../line/line-context.js';
import type { Turn } from '../line/turn.js';
import { withTimeout } from '../line/voice-nodes.js';
import type { AppDeps } from '../platform/deps.js';
import type { Logger } from '../platform/logger.js';
import { renderTwiml } from '../twilio/twiml.js';
import { voiceParams, type VoiceParams } from '../twilio/webhook-params.js';
import { loadAdviceTurn } from './advice-context.js';
import { applyAdviceEffects } from './advice-effects.js';
import { adviceAccepted } from './store.js';

/** Like the patient line: safe TwiML well before Twilio's 15 s, whatever happens inside. */
const answerWithinMs = 5000;

/**
 * The first webhook of a call to a professionals' line, handed over by line/voice-webhooks.ts
 * (which decided by the number called). Its writes are applied here, before the answer.
 */
export function professionalLineAnswer(deps: AppDeps, live: LiveCalls) {
  return async (turn: Turn): Promise<FlowResult> => {
    const call = {
      lineNumber: turn.calledNumber,
      callSid: turn.callSid,
      from: turn.params.From ?? '',
    };
    const loaded = await loadAdviceTurn(deps.db.db, call, turn.now);
    if (!loaded)
      return safeFallback(
        turn.line?.territory.territory.fallbackNumber ?? deps.config.FALLBACK_NUMBER ?? null,
      );
    return settle(
      deps,
      live,
      loaded,
      parseAdviceUrl({}),
      turn.params,
      welcomeProfessional(loaded.flow),
      turn.now,
      deps.logger,
    );
  };
}

/**
 * Every webhook after the first, by node, mounted at /twilio/advice. A safe answer to the GP
 * rings the territory's own fallback number (from the line cache, as the patient line does when
 * PostgreSQL is slow), else the configured one: never just a hang-up.
 */
export function adviceRouter(
  deps: AppDeps,
  live: LiveCalls,
  cache?: Pick<LineContextCache, 'anyFallbackFor'>,
): Router {
  const router = Router();
  const fallbackOn = (lineNumber: string) =>
    safeFallback(cache?.anyFallbackFor(lineNumber) ?? deps.config.FALLBACK_NUMBER ?? null);
  router.post('/advice/:node', (req, res) => {
    const node = String(req.params.node);
    const onLeg = node === 'screen' || node === 'screen-result';
    return answer(req, res, deps, onLeg ? null : fallbackOn, async (url, params, now) => {
      const lineNumber = onLeg ? url.line : (params.To ?? '');
      const callSid = onLeg ? url.call : params.CallSid;
      const loaded = await loadAdviceTurn(
        deps.db.db,
        { lineNumber, callSid, from: onLeg ? '' : (params.From ?? '') },
        now,
      );
      if (!loaded) return onLeg ? safeLegAnswer('fr') : fallbackOn(lineNumber);
      const run = (result: AdviceResult) =>
        settle(deps, live, loaded, url, params, result, now, req.log);
      switch (node) {
        case 'menu':
          return run(adviceMenuChoice(loaded.flow, url, params.Digits));
        case 'dial-result': {
          const accepted =
            (await live.wasAccepted(callSid, url.attempt).catch(() => false)) ||
            (await withTimeout(adviceAccepted(deps.db.db, callSid, url.attempt), 1000).catch(
              () => false,
            ));
          // The caller hung up while it rang: Twilio posts the Dial action with the call completed.
          const gone = params.CallStatus === 'completed' || params.CallStatus === 'canceled';
          return run(adviceDialResult(loaded.flow, url, accepted, gone));
        }
        case 'screen':
          return run(adviceScreenLeg(loaded.territory.name, specialtyLabel(url.specialty), url));
        case 'screen-result': {
          // One caller at a time per specialist; shared storage unreachable: connect rather than lose.
          const claim = {
            professionalId: `advice:${url.entry}`,
            callSid: url.call,
            legSid: params.CallSid,
          };
          const claimed =
            params.Digits === '1' && url.entry
              ? await live.bridge(claim, null).catch(() => true)
              : true;
          return run(adviceScreenResult(url.attempt, params.Digits, claimed));
        }
        default:
          return onLeg ? safeLegAnswer('fr') : fallbackOn(lineNumber);
      }
    });
  });
  return router;
}

/** Applies a result's effects; an avis request not stored turns into "not recorded". */
async function settle(
  deps: AppDeps,
  live: LiveCalls,
  loaded: Awaited<ReturnType<typeof loadAdviceTurn>> & object,
  url: AdviceUrl,
  params: VoiceParams,
  result: AdviceResult,
  now: Date,
  log: Logger,
): Promise<FlowResult> {
  const stored = await applyAdviceEffects(
    deps,
    live,
    loaded,
    url,
    params,
    result.effects,
    now,
    log,
  );
  return { steps: stored ? result.steps : avisNotStored.steps, effects: [] };
}

async function answer(
  req: Request,
  res: Response,
  deps: AppDeps,
  /** The GP's safe answer by the number called; null on a specialist's leg. */
  fallbackOn: ((lineNumber: string) => FlowResult) | null,
  handle: (url: AdviceUrl, params: VoiceParams, now: Date) => Promise<FlowResult>,
): Promise<void> {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const safe = () =>
    fallbackOn ? fallbackOn(typeof body['To'] === 'string' ? body['To'] : '') : safeLegAnswer('fr');
  let result: FlowResult;
  try {
    const params = voiceParams.parse(req.body ?? {});
    result = await withTimeout(
      handle(parseAdviceUrl(req.query), params, deps.now()),
      answerWithinMs,
    );
  } catch (err) {
    req.log.error({ err, node: req.params.node }, 'advice webhook failed: answering safe TwiML');
    result = safe();
  }
  res.status(200).type('text/xml').send(renderTwiml(result.steps, deps.publicUrl));
}
