import type { AppDeps } from '../platform/deps.js';
import { queueOfferPath, type LiveCalls } from './call-state.js';

/** Queue name → Twilio's queue sid: stable for the account, so remembered once found. */
const queueSids = new Map<string, string>();

/**
 * The callers holding in a Twilio queue, oldest first. Twilio keeps the queue (an <Enqueue> by
 * name creates it), so every instance sees the same holders, and a restart loses none.
 */
export async function holdingCallers(deps: AppDeps, queueName: string): Promise<string[]> {
  let sid = queueSids.get(queueName);
  if (!sid) {
    const queues = await deps.twilio.queues.list({ limit: 1000 });
    sid = queues.find((queue) => queue.friendlyName === queueName)?.sid;
    if (!sid) return [];
    queueSids.set(queueName, sid);
  }
  const members = await deps.twilio.queues(sid).members.list({ limit: 100 });
  return members.sort((a, b) => a.position - b.position).map((member) => member.callSid);
}

/**
 * A professional was just freed (either leg's status callback, on any instance, or the
 * reconciler): if callers hold in their queue, ring them with the offer of the oldest. Returns
 * whether an offer was placed. The offer call reports its end to /twilio/status, like every leg.
 */
export async function offerNextHolding(
  deps: AppDeps,
  live: LiveCalls,
  professionalId: string,
): Promise<boolean> {
  const reach = await live.reachOf(professionalId);
  if (!reach) return false;
  if ((await holdingCallers(deps, reach.queue)).length === 0) return false;
  const offer = { queue: reach.queue, line: reach.lineNumber, pro: professionalId };
  await deps.twilio.calls.create({
    to: reach.phone,
    from: reach.lineNumber,
    url: `${deps.publicUrl}${queueOfferPath(offer)}`,
    statusCallback: `${deps.publicUrl}/twilio/status`,
    statusCallbackEvent: ['completed'],
    timeout: 20,
  });
  return true;
}
