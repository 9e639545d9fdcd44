import { bridge } from './bridge.js';
import { type ExecContext, methodOf, resolveUrl, type Step } from './exec-context.js';
import { newSid } from './identifiers.js';
import type { EmulatorState } from './state.js';
import type { CallQueue, QueueMember } from './queue-types.js';
import type { TwimlNode } from './twiml.js';
import type { CallStatus } from './types.js';

class Dequeued extends Error {}

function queueNamed(state: EmulatorState, name: string): CallQueue {
  let queue = state.queues.get(name);
  if (!queue) {
    queue = { sid: newSid('QU'), name, members: [] };
    state.queues.set(name, queue);
  }
  return queue;
}

function waitParams(
  state: EmulatorState,
  queue: CallQueue,
  member: QueueMember,
): Record<string, string> {
  const seconds = String(state.clock.emulatedSecondsSince(member.enqueuedAt));
  return {
    QueueSid: queue.sid,
    QueuePosition: String(queue.members.indexOf(member) + 1),
    QueueTime: seconds,
    AvgQueueTime: seconds,
    CurrentQueueSize: String(queue.members.length),
    MaxQueueSize: '100',
  };
}

/**
 * <Enqueue waitUrl action>name</Enqueue>: the caller waits, hearing the waitUrl TwiML
 * fetched again each time it ends, until an agent dequeues them, they hang up, or the
 * wait TwiML says <Leave>. After the agent's bridge ends, the action (QueueResult,
 * QueueSid, QueueTime) continues the call; without action, the next verb does.
 */
export async function enqueue(ctx: ExecContext, verb: TwimlNode): Promise<Step> {
  const { state, leg } = ctx;
  const queue = queueNamed(state, verb.text);
  let bridgeOver = (): void => {};
  const bridged = new Promise<void>((resolve) => (bridgeOver = resolve));
  const member: QueueMember = {
    leg,
    enqueuedAt: Date.now(),
    taken: new AbortController(),
    bridged,
    bridgeOver,
  };
  queue.members.push(member);
  state.changed();
  const waitSignal = AbortSignal.any([ctx.signal, member.taken.signal]);
  let result = 'bridged';
  try {
    for (;;) {
      if (!verb.attrs.waitUrl) {
        leg.hear('play', 'hold music');
        await state.clock.sleep(60_000, waitSignal);
        continue;
      }
      const fetch = {
        url: resolveUrl(ctx, verb.attrs.waitUrl),
        method: methodOf(verb.attrs.waitUrlMethod),
        params: waitParams(state, queue, member),
      };
      const outcome = await ctx.runApp(leg, fetch, { mode: 'queue-wait', signal: waitSignal });
      if (outcome === 'leave') result = 'leave';
      if (outcome === 'hangup' || outcome.startsWith('reject')) result = 'hangup';
      if (outcome !== 'end') break;
    }
  } catch (err) {
    if (!member.taken.signal.aborted) throw err;
  } finally {
    queue.members = queue.members.filter((m) => m !== member);
    state.changed();
  }
  if (member.taken.signal.aborted)
    await Promise.race([
      bridged,
      new Promise((r) => ctx.signal.addEventListener('abort', r, { once: true })),
    ]);
  if (result === 'hangup') return { kind: 'hangup' };
  if (ctx.signal.aborted) throw ctx.signal.reason;
  const params = {
    QueueResult: result,
    QueueSid: queue.sid,
    QueueTime: String(state.clock.emulatedSecondsSince(member.enqueuedAt)),
  };
  return verb.attrs.action
    ? {
        kind: 'fetch',
        fetch: {
          url: resolveUrl(ctx, verb.attrs.action),
          method: methodOf(verb.attrs.method),
          params,
        },
      }
    : { kind: 'next' };
}

/**
 * <Queue url>: Twilio requests the url for the dequeued caller's leg (its CallSid, QueueSid,
 * QueueTime, DequeingCallSid: the agent's call) and plays its TwiML (Say, Play, Pause, Redirect)
 * to that caller only, then bridges. A document that fails is recorded; the bridge goes ahead.
 */
async function announceDequeue(
  ctx: ExecContext,
  noun: TwimlNode,
  queue: CallQueue,
  member: QueueMember,
): Promise<void> {
  const fetch = {
    url: resolveUrl(ctx, noun.attrs.url),
    method: methodOf(noun.attrs.method),
    params: {
      QueueSid: queue.sid,
      QueueTime: String(ctx.state.clock.emulatedSecondsSince(member.enqueuedAt)),
      DequeingCallSid: ctx.leg.sid,
    },
  };
  try {
    await ctx.runApp(member.leg, fetch, { mode: 'dequeue', signal: ctx.signal });
  } catch (err) {
    if (ctx.signal.aborted) throw err;
  }
}

/**
 * <Dial><Queue url>name</Queue></Dial>: bridges the agent with the longest-waiting caller,
 * waiting up to the Dial timeout for one to arrive (no-answer otherwise).
 */
export async function dialQueue(
  ctx: ExecContext,
  noun: TwimlNode,
  timeoutMs: number,
  timeLimitMs: number,
): Promise<{ status: CallStatus; sid?: string; seconds?: number; extra?: Record<string, string> }> {
  const { state } = ctx;
  const queue = queueNamed(state, noun.text);
  const timer = new AbortController();
  const scope = AbortSignal.any([ctx.signal, timer.signal]);
  state.clock.sleep(timeoutMs, scope).then(
    () => timer.abort(new Error('dial timeout')),
    () => {},
  );
  let member: QueueMember;
  try {
    member = await state.whenTrue(
      () => queue.members.find((m) => !m.taken.signal.aborted && m.leg.active),
      scope,
    );
  } catch (err) {
    if (ctx.signal.aborted) throw err;
    return { status: 'no-answer', extra: { QueueSid: queue.sid } };
  } finally {
    timer.abort();
  }
  member.taken.abort(new Dequeued(`dequeued by ${ctx.leg.sid}`));
  ctx.leg.legs.push(member.leg.sid);
  const extra = {
    QueueSid: queue.sid,
    QueueTime: String(state.clock.emulatedSecondsSince(member.enqueuedAt)),
  };
  try {
    if (noun.attrs.url) await announceDequeue(ctx, noun, queue, member);
    const seconds = await bridge(state, ctx.leg, member.leg, {
      signal: ctx.signal,
      timeLimitMs,
      endOther: false,
    });
    return { status: 'completed', sid: member.leg.sid, seconds, extra };
  } finally {
    member.bridgeOver();
  }
}
