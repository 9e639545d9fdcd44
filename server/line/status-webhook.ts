import { Router, type Request } from 'express';
import type { AppDeps } from '../platform/deps.js';
import { recordSmsStatus } from '../sms/store.js';
import { smsStatusParams, voiceParams, type VoiceParams } from '../twilio/webhook-params.js';
import { queueOfferPath, type LiveCalls } from './call-state.js';

const finalCallStatuses = new Set(['completed', 'busy', 'failed', 'no-answer', 'canceled']);

/**
 * Status callbacks. They only complete records, so a failure here is logged and answered 204:
 * Twilio has nothing to play and nothing to retry.
 */
export function statusRouter(
  deps: AppDeps,
  live: LiveCalls,
  /** Writes the call's end durably (line/call-end.ts: committed, or kept in the outbox). */
  endCall: (params: VoiceParams, req: Request) => Promise<void>,
): Router {
  const router = Router();
  router.post('/status', async (req, res) => {
    const params = voiceParams.parse(req.body ?? {});
    if (params.CallSid && params.CallStatus && finalCallStatuses.has(params.CallStatus)) {
      const freed = await live
        .callEnded(params.CallSid, deps.now())
        .catch((err) => (req.log.error({ err }, 'could not free the call'), [] as string[]));
      for (const professionalId of freed) {
        await offerNextHolding(deps, live, professionalId).catch((err) =>
          req.log.error({ err }, 'could not offer the next holding caller'),
        );
      }
      await endCall(params, req).catch((err) =>
        req.log.error({ err }, 'could not close the call record'),
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

/** A doctor just finished a call while patients hold for them: ring them with the next one. */
async function offerNextHolding(
  deps: AppDeps,
  live: LiveCalls,
  professionalId: string,
): Promise<void> {
  const reach = await live.reachOf(professionalId);
  if (!reach || !(await live.nextHolding(reach.queue))) return;
  const offer = { queue: reach.queue, line: reach.lineNumber, pro: professionalId };
  await deps.twilio.calls.create({
    to: reach.phone,
    from: reach.lineNumber,
    url: `${deps.publicUrl}${queueOfferPath(offer)}`,
    timeout: 20,
  });
}
