import { bridge } from './bridge.js';
import type { CallLeg, StatusCallbackConfig, StatusEvent } from './call-leg.js';
import { dialQueue } from './call-queue.js';
import { type ExecContext, intAttr, methodOf, resolveUrl, type Step } from './exec-context.js';
import { ringPhone } from './ringing.js';
import type { TwimlNode } from './twiml.js';
import type { CallStatus } from './types.js';

interface DialTarget {
  number: string;
  /** <Number url>: screening TwiML run on the called leg once it answers. */
  url?: string;
  method?: string;
  statusCallback?: StatusCallbackConfig;
}

type Attempt = 'bridge' | CallStatus;

function targetsOf(ctx: ExecContext, verb: TwimlNode): DialTarget[] {
  if (verb.children.length === 0) return [{ number: verb.text }];
  return verb.children.map((noun) => {
    const number = noun.name === 'Client' ? `client:${noun.text}` : noun.text;
    const events = (noun.attrs.statusCallbackEvent ?? 'completed')
      .split(/[\s,]+/)
      .filter(Boolean) as StatusEvent[];
    const statusCallback = noun.attrs.statusCallback
      ? {
          url: resolveUrl(ctx, noun.attrs.statusCallback),
          method: methodOf(noun.attrs.statusCallbackMethod),
          events: new Set(events),
        }
      : undefined;
    return { number, url: noun.attrs.url, method: noun.attrs.method, statusCallback };
  });
}

/** Twilio reports the best outcome among the numbers rung. */
function overallStatus(results: Attempt[]): CallStatus {
  for (const status of ['completed', 'busy', 'no-answer', 'failed'] as const)
    if (results.includes(status)) return status;
  return 'canceled';
}

/**
 * Rings one number; when it answers, runs its screening TwiML on the called leg. The leg
 * is ready to bridge if that TwiML ends without hanging up. A screening leg that hangs up
 * still counts as answered: DialCallStatus=completed, as twilio.md warns (the app must keep
 * its own "accepted" flag).
 */
async function attempt(
  ctx: ExecContext,
  child: CallLeg,
  target: DialTarget,
  timeoutMs: number,
  cancel: AbortSignal,
): Promise<Attempt> {
  // Losing (or orphaned) legs still being screened are hung up.
  const onCancel = (): void => {
    if (child.status === 'in-progress') child.end('completed');
  };
  cancel.addEventListener('abort', onCancel, { once: true });
  try {
    return await ringAndScreen(ctx, child, target, timeoutMs, cancel);
  } finally {
    cancel.removeEventListener('abort', onCancel);
  }
}

async function ringAndScreen(
  ctx: ExecContext,
  child: CallLeg,
  target: DialTarget,
  timeoutMs: number,
  cancel: AbortSignal,
): Promise<Attempt> {
  const rung = await ringPhone(ctx.state, child, timeoutMs, cancel);
  if (rung !== 'answered') {
    child.end(rung);
    return rung;
  }
  if (target.url) {
    const outcome = await ctx.runApp(
      child,
      { url: resolveUrl(ctx, target.url), method: methodOf(target.method) },
      { mode: 'screening' },
    );
    if (outcome !== 'end' || !child.active || cancel.aborted) {
      child.end('completed');
      return 'completed';
    }
  }
  if (cancel.aborted) {
    child.end('completed');
    return 'completed';
  }
  return 'bridge';
}

/**
 * <Dial> with <Number> (several ring at once, the first to answer and pass screening
 * wins), <Client>, a bare number, or <Queue>. The action gets DialCallStatus,
 * DialCallSid, DialCallDuration; without action the call continues with the next verb.
 * If the caller hangs up meanwhile, the action is still requested and its TwiML ignored.
 */
export async function dial(ctx: ExecContext, verb: TwimlNode): Promise<Step> {
  const { attrs } = verb;
  const timeoutMs = intAttr(attrs.timeout, 30) * 1000;
  const timeLimitMs = intAttr(attrs.timeLimit, 14400) * 1000;
  const queue = verb.children.find((c) => c.name === 'Queue');
  let result: {
    status: CallStatus;
    sid?: string;
    seconds?: number;
    extra?: Record<string, string>;
  };
  if (queue) {
    result = await dialQueue(ctx, queue, timeoutMs, timeLimitMs);
  } else {
    const cancel = new AbortController();
    const scope = AbortSignal.any([ctx.signal, cancel.signal]);
    const targets = targetsOf(ctx, verb);
    const children = targets.map((target) =>
      ctx.state.openCall({
        direction: 'outbound-dial',
        from: attrs.callerId ?? ctx.leg.from,
        to: target.number,
        phone: target.number,
        parentCallSid: ctx.leg.sid,
        status: 'queued',
        statusCallback: target.statusCallback,
      }),
    );
    ctx.leg.legs.push(...children.map((c) => c.sid));
    const onParentGone = (): void => cancel.abort(ctx.signal.reason);
    ctx.signal.addEventListener('abort', onParentGone, { once: true });
    let winner: CallLeg | null = null;
    const results = await Promise.all(
      children.map(async (child, i) => {
        const outcome = await attempt(ctx, child, targets[i]!, timeoutMs, scope);
        if (outcome !== 'bridge') return outcome;
        if (winner) {
          child.end('completed');
          return 'completed';
        }
        winner = child;
        cancel.abort(new Error('another number answered'));
        return 'completed';
      }),
    );
    ctx.signal.removeEventListener('abort', onParentGone);
    const bridged = winner as CallLeg | null;
    if (bridged && !ctx.signal.aborted) {
      const seconds = await bridge(ctx.state, ctx.leg, bridged, {
        signal: ctx.signal,
        timeLimitMs,
        endOther: true,
      });
      result = { status: 'completed', sid: bridged.sid, seconds };
    } else {
      bridged?.end('completed');
      result = {
        status: overallStatus(results),
        sid: (bridged ?? children[children.length - 1])?.sid,
      };
    }
  }
  const params: Record<string, string> = { DialCallStatus: result.status, ...result.extra };
  if (result.sid) params.DialCallSid = result.sid;
  if (result.seconds !== undefined) params.DialCallDuration = String(result.seconds);
  params.DialBridged = String(result.seconds !== undefined);
  const action = attrs.action
    ? { url: resolveUrl(ctx, attrs.action), method: methodOf(attrs.method), params }
    : null;
  if (ctx.signal.aborted) {
    if (action && !ctx.leg.active)
      void ctx.state.webhook({ ...action, params: { ...ctx.leg.params(), ...params } });
    throw ctx.signal.reason;
  }
  return action ? { kind: 'fetch', fetch: action } : { kind: 'next' };
}
