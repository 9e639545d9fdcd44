import { Router } from 'express';
import { and, eq, inArray } from 'drizzle-orm';
import { closeCallRecord } from './call-record-store.js';
import { smsMessages } from '../../db/schema/index.js';
import type { AppDeps } from '../platform/deps.js';
import type { CallBoards } from './call-boards.js';
import { smsStatusParams, voiceParams } from '../twilio/webhook-params.js';

const finalCallStatuses = new Set(['completed', 'busy', 'failed', 'no-answer', 'canceled']);
/** Twilio's message statuses in the order they happen; the last three are final. */
const smsStatusOrder = [
  'accepted',
  'queued',
  'sending',
  'sent',
  'delivered',
  'undelivered',
  'failed',
];

/**
 * Status callbacks. They only complete records, so a failure here is logged and answered 204:
 * Twilio has nothing to play and nothing to retry.
 */
export function statusRouter(deps: AppDeps, boards: CallBoards): Router {
  const router = Router();
  router.post('/status', async (req, res) => {
    const params = voiceParams.parse(req.body ?? {});
    if (params.CallSid && params.CallStatus && finalCallStatuses.has(params.CallStatus)) {
      for (const professionalId of boards.callEnded(params.CallSid, deps.now())) {
        await offerNextHolding(deps, boards, professionalId).catch((err) =>
          req.log.error({ err }, 'could not offer the next holding caller'),
        );
      }
      await closeCallRecord(
        deps.db.db,
        params.CallSid,
        params.CallStatus,
        deps.now(),
        params.CallDuration ?? null,
      ).catch((err) => req.log.error({ err }, 'could not close the call record'));
    }
    res.status(204).end();
  });
  router.post('/sms/status', async (req, res) => {
    const parsed = smsStatusParams.safeParse(req.body ?? {});
    if (parsed.success) {
      const { MessageSid, MessageStatus, ErrorCode } = parsed.data;
      // Callbacks can arrive out of order: a status only ever moves forward.
      const earlier = smsStatusOrder.slice(0, Math.max(0, smsStatusOrder.indexOf(MessageStatus)));
      const apply = async (triesLeft: number): Promise<void> => {
        const [row] = await deps.db.db
          .select({ status: smsMessages.status })
          .from(smsMessages)
          .where(eq(smsMessages.twilioSid, MessageSid));
        if (row && !earlier.includes(row.status)) return;
        const updated = await deps.db.db
          .update(smsMessages)
          .set({ status: MessageStatus, errorCode: ErrorCode ?? null, updatedAt: deps.now() })
          .where(
            and(
              eq(smsMessages.twilioSid, MessageSid),
              inArray(smsMessages.status, earlier.length ? earlier : ['-']),
            ),
          )
          .returning({ id: smsMessages.id });
        // Twilio can call back before the send job has stored the sid: try again shortly.
        if (updated.length === 0 && triesLeft > 0)
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
  boards: CallBoards,
  professionalId: string,
): Promise<void> {
  const bridge = boards.bridgeOf(professionalId);
  if (!bridge || !boards.nextHolding(bridge.queue)) return;
  const query = new URLSearchParams({
    q: bridge.queue,
    t: bridge.lineNumber,
    p: professionalId,
  }).toString();
  await deps.twilio.calls.create({
    to: bridge.phone,
    from: bridge.lineNumber,
    url: `${deps.publicUrl}/twilio/voice/queue-offer?${query}`,
    timeout: 20,
  });
}
