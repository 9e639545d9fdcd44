import express, { Router } from 'express';
import { CallOpeningBatch } from '../../../db/repositories/call-opening-batch.js';
import type { AppDeps } from '../../deps.js';
import { verifyTwilioSignature } from '../../middleware/twilio-signature.js';
import { CallBoards } from '../../oncall/call-boards.js';
import { DatabaseBreaker } from '../../oncall/database-breaker.js';
import { LineContextCache } from '../../oncall/line-context.js';
import { callbackRouter } from './callback.js';
import { fallbackRouter } from './fallback.js';
import { smsRouter } from './sms.js';
import { statusRouter } from './status.js';
import { voiceRouter } from './voice.js';

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
