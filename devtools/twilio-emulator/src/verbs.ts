import { Clock } from './clock.js';
import { type ExecContext, intAttr, methodOf, resolveUrl, type Step } from './exec-context.js';
import { newSid } from './identifiers.js';
import type { TwimlNode } from './twiml.js';

/** Emulated length of a <Play>: the audio is not fetched, so it lasts a fixed while. */
const playMs = 2000;
/** How long after a Gather's first prompt starts an `autoPress` phone presses. */
const autoPressDelayMs = 300;

/** Waits `ms` emulated ms; with `bargeIn` a key press cuts it short (returns true). */
async function hold(ctx: ExecContext, ms: number, bargeIn: boolean): Promise<boolean> {
  if (!bargeIn) {
    await ctx.state.clock.sleep(ms, ctx.signal);
    return false;
  }
  const stop = new AbortController();
  const both = AbortSignal.any([ctx.signal, stop.signal]);
  const pressed = await Promise.race([
    ctx.state.clock.sleep(ms, both).then(
      () => false,
      () => false,
    ),
    ctx.leg.keypad.arrival(both).then(() => ctx.leg.keypad.hasDigit()),
  ]);
  stop.abort();
  if (ctx.signal.aborted) throw ctx.signal.reason;
  return pressed;
}

function loops(verb: TwimlNode): number {
  const n = intAttr(verb.attrs.loop, 1);
  return n <= 0 ? 1000 : n;
}

/** Say, Play or Pause; returns true when a key press interrupted it. */
export async function playPrompt(
  ctx: ExecContext,
  verb: TwimlNode,
  bargeIn: boolean,
): Promise<boolean> {
  if (verb.name === 'Pause') return hold(ctx, intAttr(verb.attrs.length, 1) * 1000, bargeIn);
  for (let i = 0; i < loops(verb); i++) {
    const entry =
      verb.name === 'Say'
        ? ctx.leg.hear('say', verb.text, { language: verb.attrs.language, voice: verb.attrs.voice })
        : ctx.leg.hear('play', verb.text);
    if (await hold(ctx, verb.name === 'Say' ? Clock.speechMs(verb.text) : playMs, bargeIn)) {
      entry.interrupted = true;
      return true;
    }
  }
  return false;
}

function scheduleAutoPress(ctx: ExecContext): void {
  const digits = ctx.state.phoneState(ctx.leg.phone).behaviour.autoPress;
  if (!digits) return;
  ctx.state.clock.sleep(autoPressDelayMs, ctx.signal).then(
    () => {
      for (const d of digits) ctx.leg.keypad.press(d);
      ctx.leg.record('press', `${digits} (auto)`);
    },
    () => {},
  );
}

/**
 * <Gather> for DTMF: prompts play (a key cuts them short unless bargeIn="false"), then
 * digits are collected until numDigits, finishOnKey or `timeout` seconds without a key.
 * No input falls through to the next verb unless actionOnEmptyResult="true".
 */
export async function gather(ctx: ExecContext, verb: TwimlNode): Promise<Step> {
  const { attrs } = verb;
  const numDigits = intAttr(attrs.numDigits, 0);
  const timeoutMs = intAttr(attrs.timeout, 5) * 1000;
  const finishOnKey = attrs.finishOnKey ?? '#';
  const bargeIn = attrs.bargeIn !== 'false';
  const keypad = ctx.leg.keypad;
  let digits = '';
  let finishedOnKey = '';
  if (bargeIn) keypad.listen();
  scheduleAutoPress(ctx);
  try {
    for (const prompt of verb.children) {
      if (keypad.hasDigit() || (await playPrompt(ctx, prompt, bargeIn))) break;
    }
    keypad.listen();
    for (;;) {
      const digit = await keypad.next(timeoutMs, ctx.state.clock, ctx.signal);
      if (digit === null) break;
      if (finishOnKey && digit === finishOnKey) {
        finishedOnKey = digit;
        break;
      }
      digits += digit;
      if (numDigits > 0 && digits.length >= numDigits) break;
    }
  } finally {
    keypad.stopListening();
  }
  if (!digits && attrs.actionOnEmptyResult !== 'true') return { kind: 'next' };
  const params = { Digits: digits, FinishedOnKey: finishedOnKey };
  return {
    kind: 'fetch',
    fetch: { url: resolveUrl(ctx, attrs.action), method: methodOf(attrs.method), params },
  };
}

/**
 * <Record>: the emulated caller says nothing, so recording stops after `timeout` seconds
 * of silence (default 5), at maxLength, or on a finishOnKey key; the action gets a
 * RecordingUrl under the emulator's address (nothing is served there).
 */
export async function record(ctx: ExecContext, verb: TwimlNode): Promise<Step> {
  const { attrs } = verb;
  if (attrs.playBeep !== 'false') ctx.leg.hear('play', 'beep');
  const limitMs = Math.min(intAttr(attrs.timeout, 5), intAttr(attrs.maxLength, 3600)) * 1000;
  const finishOnKey = attrs.finishOnKey ?? '1234567890*#';
  const started = Date.now();
  ctx.leg.keypad.listen();
  let key: string | null = null;
  try {
    do key = await ctx.leg.keypad.next(limitMs, ctx.state.clock, ctx.signal);
    while (key !== null && !finishOnKey.includes(key));
  } finally {
    ctx.leg.keypad.stopListening();
  }
  const sid = newSid('RE');
  const params = {
    RecordingSid: sid,
    RecordingUrl: `${ctx.state.baseUrl}/2010-04-01/Accounts/${ctx.state.config.accountSid}/Recordings/${sid}`,
    RecordingDuration: String(ctx.state.clock.emulatedSecondsSince(started)),
    Digits: key ?? '',
  };
  return {
    kind: 'fetch',
    fetch: { url: resolveUrl(ctx, attrs.action), method: methodOf(attrs.method), params },
  };
}

/** Verbs that need no other module: prompts, Gather, Record, Redirect, Hangup, Reject, Leave. */
export async function runSimpleVerb(ctx: ExecContext, verb: TwimlNode): Promise<Step> {
  switch (verb.name) {
    case 'Say':
    case 'Play':
    case 'Pause':
      await playPrompt(ctx, verb, false);
      return { kind: 'next' };
    case 'Gather':
      return gather(ctx, verb);
    case 'Record':
      return record(ctx, verb);
    case 'Redirect':
      return {
        kind: 'fetch',
        fetch: { url: resolveUrl(ctx, verb.text), method: methodOf(verb.attrs.method) },
      };
    case 'Hangup':
      return { kind: 'hangup' };
    case 'Reject':
      return { kind: 'reject', reason: verb.attrs.reason === 'busy' ? 'busy' : 'rejected' };
    case 'Leave':
      return ctx.mode === 'queue-wait' ? { kind: 'leave' } : { kind: 'next' };
    default:
      throw new Error(`runSimpleVerb: <${verb.name}> is handled elsewhere`);
  }
}
