import { randomUUID } from 'node:crypto';
import express, { Router } from 'express';
import { adviceRouter, professionalLineAnswer } from './advice/webhooks.js';
import { callbackRouter } from './callbacks/webhooks.js';
import { CallOpeningBatch } from './line/call-opening-batch.js';
import { openLiveCalls } from './line/call-state-store.js';
import { DatabaseBreaker } from './line/database-breaker.js';
import { fallbackRouter } from './line/fallback-webhook.js';
import { LineContextCache } from './line/line-context.js';
import { statusRouter } from './line/status-webhook.js';
import type { LineRoom } from './line/turn.js';
import { voiceRouter } from './line/voice-webhooks.js';
import type { AppDeps } from './platform/deps.js';
import { smsRouter } from './sms/webhooks.js';
import { verifyTwilioSignature } from './twilio/signature.js';
import { stripControlCharacters } from './twilio/webhook-params.js';
import { twilioBudgets, withinBudget } from './twilio/within-budget.js';
import { startOutboxReplayer } from './line/outbox-replayer.js';
import { recordCallEnd } from './line/call-end.js';
import { outboxFor } from './line/turn-outbox-choice.js';

/** Every Twilio webhook, behind the signature check. Mounted at /twilio. */
export function twilioRouter(deps: AppDeps, observe?: (room: LineRoom) => void): Router {
  const room: LineRoom = {
    deps,
    cache: new LineContextCache(deps.config.ROTA_CACHE_SECONDS * 1000),
    // Shared storage chosen from the config: any instance answers any webhook of any call.
    live: deps.live ?? (deps.live = openLiveCalls(deps.config, deps.db.sql)),
    breaker: new DatabaseBreaker(),
    openings: new CallOpeningBatch(deps.db.sql),
    outbox: outboxFor(deps),
  };
  // The app's /readyz and /metrics read the rota snapshots and the breaker of this room.
  room.professionalLine = professionalLineAnswer(deps, room.live);
  observe?.(room);
  startOutboxReplayer(room, deps.logger);
  const router = Router();
  router.use(withinBudget(twilioBudgets(deps.publicUrl, deps.config.FALLBACK_NUMBER ?? null)));
  router.use(express.urlencoded({ extended: false, limit: '64kb' }));
  router.use(verifyTwilioSignature(deps.config.TWILIO_AUTH_TOKEN, deps.publicUrl));
  router.use(stripControlCharacters);
  router.use(fallbackRouter(deps, room.cache));
  router.use(voiceRouter(room));
  router.use(adviceRouter(deps, room.live, room.cache));
  router.use(
    statusRouter(deps, room.live, (params, req) =>
      recordCallEnd(
        room,
        params,
        req.header('i-twilio-idempotency-token') ?? randomUUID(),
        req.log,
      ),
    ),
  );
  router.use(callbackRouter(deps));
  router.use(smsRouter(deps));
  return router;
}
