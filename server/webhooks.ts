import express, { Router } from 'express';
import { CallOpeningBatch } from './line/call-opening-batch.js';
import type { AppDeps } from './platform/deps.js';
import { verifyTwilioSignature } from './twilio/signature.js';
import { CallBoards } from './line/call-boards.js';
import { DatabaseBreaker } from './line/database-breaker.js';
import { LineContextCache } from './line/line-context.js';
import { callbackRouter } from './callbacks/webhooks.js';
import { fallbackRouter } from './line/fallback-webhook.js';
import { smsRouter } from './sms/webhooks.js';
import { statusRouter } from './line/status-webhook.js';
import { voiceRouter } from './line/voice-webhooks.js';

/** Every Twilio webhook, behind the signature check. Mounted at /twilio. */
export function twilioRouter(deps: AppDeps): Router {
  const cache = new LineContextCache(deps.config.ROTA_CACHE_SECONDS * 1000);
  const boards = new CallBoards();
  const breaker = new DatabaseBreaker();
  const openings = new CallOpeningBatch(deps.db.sql);
  const drain = setInterval(() => void breaker.drain(), 2000);
  drain.unref();
  const router = Router();
  router.use(express.urlencoded({ extended: false, limit: '64kb' }));
  router.use(verifyTwilioSignature(deps.config.TWILIO_AUTH_TOKEN, deps.publicUrl));
  router.use(fallbackRouter(deps, cache));
  router.use(voiceRouter(deps, cache, boards, breaker, openings));
  router.use(statusRouter(deps, boards));
  router.use(callbackRouter(deps));
  router.use(smsRouter(deps));
  return router;
}
