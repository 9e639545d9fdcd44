import { Router } from 'express';
import { afterFallbackDial, safeFallback } from '../../ivr-flows/index.js';
import type { AppDeps } from '../platform/deps.js';
import type { LineContextCache } from './line-context.js';
import { renderTwiml } from '../twilio/twiml.js';
import { voiceParams } from '../twilio/webhook-params.js';

/**
 * POST /twilio/fallback: the number's fallback URL in the Twilio console, called when our
 * voice URL failed. Never touches the database: an apology and the staffed fallback line.
 */
export function fallbackRouter(deps: AppDeps, cache: LineContextCache): Router {
  const router = Router();
  router.post('/fallback', (req, res) => {
    const { To, ErrorCode } = voiceParams.parse(req.body ?? {});
    const number = cache.anyFallbackFor(To ?? '') ?? deps.config.FALLBACK_NUMBER ?? null;
    req.log.warn({ errorCode: ErrorCode }, 'Twilio used the fallback URL');
    res.type('text/xml').send(renderTwiml(safeFallback(number).steps, deps.publicUrl));
  });
  router.post('/fallback/after-queue', (_req, res) => {
    res.type('text/xml').send(renderTwiml([{ verb: 'hangup' }], deps.publicUrl));
  });
  router.post('/fallback/after-dial', (_req, res) => {
    res.type('text/xml').send(renderTwiml(afterFallbackDial().steps, deps.publicUrl));
  });
  return router;
}
