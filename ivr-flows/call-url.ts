import { z } from 'zod';
import type { CallState } from './state.js';

/**
 * Every webhook URL of a call, built and parsed in one place. The URL is where a call carries
 * its state from one webhook to the next, so that a flow works with the database down and any
 * instance can answer the next webhook. Names are readable; the one-letter names of the release
 * before (`l r i c t q p d`, `cb a c`) are still read, so that calls in flight during a deploy
 * survive it. Builders write the new names only.
 */

/** The patient call a professional's screening leg belongs to (that leg is another call). */
export interface LegRef {
  /** The patient's call sid: acceptance is recorded against it. */
  call: string;
  /** The public number the patient called: the leg (whose To is the doctor) finds its line by it. */
  line: string;
  /** Index of the contact being rung. */
  attempt: number;
  /**
   * The professional being rung ('' for a number with no professional, e.g. the fallback line):
   * the keypress bridges them, not whoever the rota names when it comes (a shift may have ended).
   * null only when parsed from a URL of the release before, which did not carry it.
   */
  pro: string | null;
}

/** A freed professional offered the next caller holding in a queue. */
export interface QueueOfferRef {
  queue: string;
  line: string;
  /** The professional rung: taking the caller makes them busy with that call. */
  pro: string;
}

/** One try of a callback: the request, the round, the contact rung in that round. */
export interface CallbackRef {
  callback: string;
  round: number;
  contact: number;
}

/** The patient-line nodes that carry the call state. */
export type VoiceNode =
  'menu' | 'pharmacy-sms' | 'dial-result' | 'busy-choice' | 'hold-wait' | 'hold-result';

export type CallbackNode =
  'screen' | 'accept' | 'patient-screen' | 'patient-accept' | 'patient-result' | 'status';

const query = (fields: Record<string, string | number>) =>
  new URLSearchParams(Object.entries(fields).map(([k, v]) => [k, String(v)])).toString();

/**
 * A patient-line webhook carrying the call state. `silent` marks the redirect that follows a
 * Gather nobody answered (the menu re-prompts; a busy-doctor offer holds by default).
 */
export function voicePath(node: VoiceNode, state: CallState, silent = false): string {
  const fields = { lang: state.lang, retries: state.retries, attempt: state.attempt };
  return `/twilio/voice/${node}?${query(silent ? { ...fields, silent: 1 } : fields)}`;
}

/**
 * The Dial action of a ring: the call state and the professional rung, so that the record names
 * who answered even when the rota has moved on by the time Twilio posts it (a shift boundary).
 */
export const dialResultPath = (state: CallState, pro: string | null) =>
  pro ? `${voicePath('dial-result', state)}&${query({ pro })}` : voicePath('dial-result', state);

/** The screening leg played on a professional's phone when it answers. */
export const screenPath = (leg: LegRef) => `/twilio/voice/screen?${query(legFields(leg))}`;

/** Where the screening leg's keypress goes. */
export const screenResultPath = (leg: LegRef) =>
  `/twilio/voice/screen-result?${query(legFields(leg))}`;

const legFields = (leg: LegRef) => ({
  call: leg.call,
  line: leg.line,
  attempt: leg.attempt,
  // Written even when empty: an absent `pro` means a URL of the release before (live-facts.ts).
  ...(leg.pro !== null ? { pro: leg.pro } : {}),
});

/** The call placed to a freed professional while patients hold. */
export const queueOfferPath = (offer: QueueOfferRef) =>
  `/twilio/voice/queue-offer?${query({ ...offer })}`;

/** Where that professional's keypress goes. */
export const queueTakePath = (offer: QueueOfferRef) =>
  `/twilio/voice/queue-take?${query({ ...offer })}`;

/**
 * The <Queue url> of a doctor's <Dial><Queue>: requested for the caller Twilio takes, so that
 * their own call records who took them. `pro` names the doctor whose leg dials (the live bridge
 * claim, keyed by that leg, says it too); no `queue` or `call`: it is the patient's call.
 */
export const queueDequeuedPath = (pro: string) => `/twilio/voice/queue-dequeued?${query({ pro })}`;

/** A webhook of a callback's outgoing call. */
export const callbackPath = (node: CallbackNode, ref: CallbackRef) =>
  `/twilio/callback/${node}?${query({ ...ref })}`;

/** What a patient-line webhook URL carries, parsed. */
export interface VoiceUrl {
  state: CallState;
  silent: boolean;
  /** Set on the screening leg's webhooks. */
  leg: LegRef | null;
  /** Set on the queue offer's webhooks. */
  offer: QueueOfferRef | null;
  /** On a Dial action: the professional that ring was for (null for a number with none). */
  rung: string | null;
}

/** Old one-letter name → current name. */
const voiceLegacy = {
  l: 'lang',
  r: 'retries',
  i: 'attempt',
  c: 'call',
  t: 'line',
  q: 'queue',
  p: 'pro',
  d: 'silent',
} as const;
const callbackLegacy = { cb: 'callback', a: 'round', c: 'contact' } as const;

/** Reads an old name only when the current one is absent. */
function currentNames(raw: unknown, legacy: Record<string, string>): Record<string, unknown> {
  const source = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const named: Record<string, unknown> = { ...source };
  for (const [old, current] of Object.entries(legacy))
    if (named[current] === undefined && source[old] !== undefined) named[current] = source[old];
  return named;
}

/** A small count, as the URL spells it; anything else is 0, and it never exceeds `max`. */
const count = (max: number) =>
  z
    .string()
    .regex(/^\d{1,3}$/)
    .transform((s) => Math.min(Number(s), max))
    .catch(0);
const text = (max: number) => z.string().max(max).optional().catch(undefined);

const voiceQuery = z.object({
  lang: z.enum(['fr', 'en']).catch('fr'),
  retries: count(10),
  attempt: count(50),
  silent: z
    .literal('1')
    .transform(() => true)
    .catch(false),
  call: text(64),
  line: text(32),
  queue: text(64),
  pro: text(64),
});

/**
 * Parses a patient-line webhook's query string (current or one-letter names). Never throws:
 * anything missing or odd falls back to a safe default, because Twilio must never get an error.
 */
export function parseVoiceUrl(raw: unknown): VoiceUrl {
  const q = voiceQuery.parse(currentNames(raw, voiceLegacy));
  const state: CallState = { lang: q.lang, retries: q.retries, attempt: q.attempt };
  return {
    state,
    silent: q.silent,
    leg: q.call
      ? { call: q.call, line: q.line ?? '', attempt: q.attempt, pro: q.pro ?? null }
      : null,
    offer: q.queue !== undefined ? { queue: q.queue, line: q.line ?? '', pro: q.pro ?? '' } : null,
    rung: !q.call && q.queue === undefined && q.pro ? q.pro : null,
  };
}

const callbackQuery = z.object({
  callback: z.string().uuid(),
  round: z.coerce.number().int().min(1).max(20),
  contact: z.coerce.number().int().min(0).max(50),
});

/**
 * Parses a callback webhook's query string (current or one-letter names). Throws when it does
 * not name a callback attempt: the route answers a safe sentence then.
 */
export function parseCallbackUrl(raw: unknown): CallbackRef {
  return callbackQuery.parse(currentNames(raw, callbackLegacy));
}
