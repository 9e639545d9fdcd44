import { Router } from 'express';
import type { AppDeps } from '../platform/deps.js';
import { recordSmsStatus } from '../sms/store.js';
import { smsStatusParams, voiceParams } from '../twilio/webhook-params.js';
import { closeCallRecord } from './call-record-store.js';
import type { LiveCalls } from './call-state.js';
import { offerNextHolding } from './hold-offers.js';
import { withTimeout } from './voice-nodes.js';

const finalCallStatuses = new Set(['completed', 'busy', 'failed', 'no-answer', 'canceled']);

/** The status callback answers within this bound, whatever Redis, Twilio or PostgreSQL do. */
const answerWithinMs = 5000;

/**
 * Status callbacks of every leg (the patient's call, a professional's queue-offer call). They
 * free whoever was bridged through the call (on shared storage: whichever instance made the
 * bridge), offer that professional the oldest caller holding, and complete the record. A failure
 * here is logged and answered 204: Twilio has nothing to play and nothing to retry.
 */
export function statusRouter(deps: AppDeps, live: LiveCalls): Router {
  const router = Router();
  router.post('/status', async (req, res) => {
    const params = voiceParams.parse(req.body ?? {});
    const { CallSid, CallStatus } = params;
    if (CallSid && CallStatus && finalCallStatuses.has(CallStatus)) {
      const work = async () => {
        const freed = await live
          .callEnded(CallSid)
          .catch((err) => (req.log.error({ err }, 'could not free the call'), [] as string[]));
        for (const professionalId of freed) {
          await offerNextHolding(deps, live, professionalId).catch((err) =>
            req.log.error({ err }, 'could not offer the next holding caller'),
          );
        }
        await closeCallRecord(
          deps.db.db,
          CallSid,
          CallStatus,
          deps.now(),
          params.CallDuration ?? null,
        ).catch((err) => req.log.error({ err }, 'could not close the call record'));
      };
      await withTimeout(work(), answerWithinMs).catch((err) =>
        req.log.error({ err }, 'status callback cut short'),
      );
    }
    res.status(204).end();
  });
  router.post('/sms/status', async (req, res) => {
    const parsed = smsStatusParams.safeParse(req.body ?? {});
    if (parsed.success) {
      const { MessageSid, MessageStatus, ErrorCode } = parsed.data;
      const status = { sid: MessageSid, status: MessageStatus, errorCode: ErrorCode ?? null };
      const apply = async (triesLeft: number): Promise<void> => {
        const found = await recordSmsStatus(deps.db.db, { ...status, at: deps.now() });
        // Twilio can call back before the send job has stored the sid: try again shortly.
        if (!found && triesLeft > 0)
          setTimeout(() => void apply(triesLeft - 1).catch(() => {}), 1000).unref();
      };
      await apply(5).catch((err) => req.log.error({ err }, 'could not record an SMS status'));
    }
    res.status(204).end();
  });
  return router;
}
