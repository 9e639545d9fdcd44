import type { AppSource, CallLeg, TwimlFetch } from './call-leg.js';
import type { EmulatorState } from './state.js';

/** What a TwiML document asks for next, once one verb has run. */
export type Step =
  | { kind: 'next' }
  | { kind: 'fetch'; fetch: TwimlFetch }
  | { kind: 'hangup' }
  | { kind: 'reject'; reason: 'busy' | 'rejected' }
  | { kind: 'leave' };

/** How an application run on a leg ended. */
export type AppOutcome = 'end' | 'hangup' | 'reject-busy' | 'reject-rejected' | 'leave';

/**
 * - 'call': a top-level leg; end of TwiML hangs up;
 * - 'screening': a <Number url> leg; end of TwiML bridges, <Dial> is invalid;
 * - 'queue-wait': an <Enqueue waitUrl> document; end of TwiML fetches the waitUrl again;
 * - 'dequeue': a <Queue url> document, on the dequeued caller's leg; end of TwiML bridges.
 */
export type AppMode = 'call' | 'screening' | 'queue-wait' | 'dequeue';

export interface RunAppOptions {
  mode: AppMode;
  /** Stops the run early (e.g. a queued caller being dequeued); its reason is rethrown. */
  signal?: AbortSignal;
}

export type { AppSource };

/** Runs TwiML on a leg until it ends; injected so <Dial> can run screening TwiML without an import cycle. */
export type RunApp = (
  leg: CallLeg,
  first: AppSource,
  options: RunAppOptions,
) => Promise<AppOutcome>;

/** The leg and document a verb runs in. */
export interface ExecContext {
  state: EmulatorState;
  leg: CallLeg;
  /** Aborted on hang-up, redirect, emulator close (and dequeue, while waiting in a queue). */
  signal: AbortSignal;
  /** URL of the current document: relative action URLs resolve against it. */
  docUrl: string;
  mode: AppMode;
  runApp: RunApp;
}

/** Twilio resolves action URLs against the document that named them; default: the document itself. */
export function resolveUrl(ctx: ExecContext, ref: string | undefined): string {
  return ref ? new URL(ref, ctx.docUrl).toString() : ctx.docUrl;
}

export function methodOf(value: string | undefined): 'GET' | 'POST' {
  return value?.toUpperCase() === 'GET' ? 'GET' : 'POST';
}

/** Integer attribute with a default (Twilio ignores unparsable values). */
export function intAttr(value: string | undefined, fallback: number): number {
  const n = value === undefined ? NaN : Number.parseInt(value, 10);
  return Number.isFinite(n) ? n : fallback;
}
