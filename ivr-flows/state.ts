import type { Lang } from './types.js';

/**
 * The state of a call, carried in the webhook URLs so that a flow works with the database
 * down and a retried webhook replays the same step.
 */
export interface CallState {
  lang: Lang;
  /** Re-prompts so far at the current menu. */
  retries: number;
  /** Index of the contact being rung. */
  attempt: number;
}

export const initialState: CallState = { lang: 'fr', retries: 0, attempt: 0 };

export function encodeState(state: CallState, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({
    l: state.lang,
    r: String(state.retries),
    i: String(state.attempt),
    ...extra,
  });
  return params.toString();
}

/** Never throws: anything missing or odd falls back to a safe default. */
export function decodeState(query: Record<string, unknown>): CallState {
  const int = (value: unknown, max: number) => {
    const n = typeof value === 'string' && /^\d{1,3}$/.test(value) ? Number(value) : 0;
    return Math.min(n, max);
  };
  return {
    lang: query.l === 'en' ? 'en' : 'fr',
    retries: int(query.r, 10),
    attempt: int(query.i, 50),
  };
}

export const path = (node: string, state: CallState, extra?: Record<string, string>) =>
  `/twilio/voice/${node}?${encodeState(state, extra)}`;
