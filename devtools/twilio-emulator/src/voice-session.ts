import { enqueue } from './call-queue.js';
import { CallRedirected, type CallLeg, type TwimlFetch } from './call-leg.js';
import { Clock } from './clock.js';
import { dial } from './dial.js';
import type { AppOutcome, AppSource, ExecContext, RunAppOptions, Step } from './exec-context.js';
import type { EmulatorState } from './state.js';
import { parseTwiml, parseTwimlResponse, type TwimlNode } from './twiml.js';
import { applicationErrorSpeech } from './twilio-errors.js';
import { runSimpleVerb } from './verbs.js';

interface LoadedDocument {
  verbs: TwimlNode[];
  url: string;
}

/**
 * Fetches TwiML for a leg as Twilio does: on failure (11200, 12300, 12100) the error is
 * recorded and the call's fallback URL is requested with the same parameters plus
 * ErrorCode and ErrorUrl. Returns null when neither produced valid TwiML.
 */
async function loadDocument(
  state: EmulatorState,
  leg: CallLeg,
  source: AppSource,
  options: RunAppOptions,
): Promise<LoadedDocument | null> {
  const kind = options.mode === 'screening' || options.mode === 'dequeue' ? options.mode : 'voice';
  if ('twiml' in source) {
    const parsed = parseTwiml(source.twiml, kind);
    if (parsed.ok) return { verbs: parsed.verbs, url: state.baseUrl };
    state.recordError({
      code: parsed.code,
      message: parsed.message,
      url: '(Twiml parameter)',
      callSid: leg.sid,
    });
    return null;
  }
  const attempt = async (
    fetch: TwimlFetch,
    extra: Record<string, string>,
  ): Promise<LoadedDocument | { code: number; url: string }> => {
    const result = await state.webhook({
      url: fetch.url,
      method: fetch.method,
      params: { ...leg.params(), ...fetch.params, ...extra },
    });
    const parsed = result.ok ? parseTwimlResponse(result.body, result.contentType, kind) : result;
    if (parsed.ok) return { verbs: parsed.verbs, url: fetch.url };
    state.recordError({
      code: parsed.code,
      message: parsed.message,
      url: fetch.url,
      callSid: leg.sid,
    });
    return { code: parsed.code, url: fetch.url };
  };
  leg.keypad.hold(true);
  try {
    const first = await attempt(source, {});
    if ('verbs' in first) return first;
    const ownApp = options.mode === 'screening' || options.mode === 'dequeue';
    const fallback = ownApp ? undefined : leg.init.fallback;
    if (!fallback || state.closeSignal.aborted) return null;
    const second = await attempt(
      { ...fallback, params: source.params },
      { ErrorCode: String(first.code), ErrorUrl: first.url },
    );
    return 'verbs' in second ? second : null;
  } finally {
    leg.keypad.hold(false);
  }
}

async function runVerbs(ctx: ExecContext, verbs: TwimlNode[]): Promise<Step> {
  for (const verb of verbs) {
    if (ctx.signal.aborted) throw ctx.signal.reason;
    // Twilio answers an inbound call when its TwiML first does something other than <Reject>.
    if (ctx.leg.status === 'ringing' && verb.name !== 'Reject') ctx.leg.answer();
    const step =
      verb.name === 'Dial'
        ? await dial(ctx, verb)
        : verb.name === 'Enqueue'
          ? await enqueue(ctx, verb)
          : await runSimpleVerb(ctx, verb);
    if (step.kind !== 'next') return step;
  }
  return { kind: 'next' };
}

function outcomeOf(step: Step, leg: CallLeg): AppOutcome {
  if (step.kind === 'reject')
    return leg.status === 'ringing' ? (`reject-${step.reason}` as const) : 'hangup';
  return step.kind === 'leave' ? 'leave' : step.kind === 'hangup' ? 'hangup' : 'end';
}

/**
 * Runs an application on a leg: fetch TwiML, run its verbs, follow actions and
 * redirects, until the TwiML ends, hangs up, or the leg goes away. A failed fetch with no
 * usable fallback makes the phone hear the application-error message, then hang up.
 */
export async function runApp(
  state: EmulatorState,
  leg: CallLeg,
  first: AppSource,
  options: RunAppOptions,
): Promise<AppOutcome> {
  let source: AppSource = first;
  for (;;) {
    if (!leg.active || state.closeSignal.aborted) return 'hangup';
    if (options.signal?.aborted) throw options.signal.reason;
    const doc = await loadDocument(state, leg, source, options);
    if (!leg.active || state.closeSignal.aborted) return 'hangup';
    if (options.signal?.aborted) throw options.signal.reason;
    if (leg.pendingRedirect) {
      // Redirected by the REST API while the app was answering.
      source = leg.pendingRedirect;
      leg.pendingRedirect = null;
      continue;
    }
    const signal = options.signal
      ? AbortSignal.any([leg.execSignal, options.signal])
      : leg.execSignal;
    const ctx: ExecContext = {
      state,
      leg,
      signal,
      docUrl: doc?.url ?? state.baseUrl,
      mode: options.mode,
      runApp: (l, s, o) => runApp(state, l, s, o),
    };
    try {
      if (!doc) {
        if (leg.status === 'ringing') leg.answer();
        leg.hear('say', applicationErrorSpeech, { language: 'en-US' });
        await state.clock.sleep(Clock.speechMs(applicationErrorSpeech), signal);
        return 'hangup';
      }
      const step = await runVerbs(ctx, doc.verbs);
      if (step.kind !== 'fetch') return outcomeOf(step, leg);
      source = step.fetch;
    } catch (err) {
      if (options.signal?.aborted) throw options.signal.reason;
      if (signal.reason instanceof CallRedirected && leg.active && leg.pendingRedirect) {
        source = leg.pendingRedirect;
        leg.pendingRedirect = null;
        continue;
      }
      if (!leg.active || state.closeSignal.aborted) return 'hangup';
      throw err;
    }
  }
}
