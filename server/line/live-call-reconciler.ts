import type { AppDeps } from '../platform/deps.js';
import type { LiveCalls } from './call-state.js';
import { offerNextHolding } from './hold-offers.js';
import { withTimeout } from './voice-nodes.js';

const finalStatuses = new Set(['completed', 'busy', 'failed', 'no-answer', 'canceled']);

/**
 * Frees the leases that outlived their call: a status callback lost (the instance that should
 * have received it was killed, or Twilio gave up) would otherwise keep a doctor "busy" until the
 * lease expires. Each bridge older than `olderThanMs` is checked against Twilio's call status
 * (patient call and the professional's leg); a call Twilio reports over, or does not know, ends.
 * The freed professional is offered the next holding caller, as after a status callback.
 * Returns the professionals freed.
 */
export async function reconcileLiveCalls(
  deps: AppDeps,
  live: LiveCalls,
  olderThanMs = 60_000,
): Promise<string[]> {
  await live.sweep();
  const freed: string[] = [];
  for (const bridge of await live.bridges()) {
    if (Date.now() - bridge.since < olderThanMs) continue;
    for (const sid of [bridge.callSid, bridge.legSid]) {
      if (!sid || !(await isOver(deps, sid))) continue;
      const professionals = await live.callEnded(sid);
      for (const professionalId of professionals) {
        freed.push(professionalId);
        await offerNextHolding(deps, live, professionalId).catch((err: unknown) =>
          deps.logger.warn({ err }, 'reconciler: could not offer the next holding caller'),
        );
      }
    }
  }
  return freed;
}

async function isOver(deps: AppDeps, callSid: string): Promise<boolean> {
  try {
    const call = await withTimeout(deps.twilio.calls(callSid).fetch(), 5000);
    return finalStatuses.has(call.status);
  } catch (err) {
    // 404: Twilio has no such call (any more); anything else: ask again next round.
    return (err as { status?: number }).status === 404;
  }
}

/**
 * Runs the reconciler every `everyMs` in this process (the worker, and web processes that run
 * workers). Several processes doing it at once is harmless: `callEnded` frees each bridge once.
 */
export function startLiveCallReconciler(deps: AppDeps, live: LiveCalls, everyMs = 30_000) {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    reconcileLiveCalls(deps, live)
      .catch((err: unknown) => deps.logger.warn({ err }, 'live-call reconciler failed'))
      .finally(() => (running = false));
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
