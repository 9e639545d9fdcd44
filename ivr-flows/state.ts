import type { Lang } from './types.js';

/**
 * The state of a call, carried in the webhook URLs (see call-url.ts) so that a flow works with
 * the database down and a retried webhook replays the same step.
 */
export interface CallState {
  lang: Lang;
  /** Re-prompts so far at the current menu. */
  retries: number;
  /** Index of the contact being rung. */
  attempt: number;
}

/** The state of a call that has just begun: French, no re-prompt, the first contact. */
export const initialState: CallState = { lang: 'fr', retries: 0, attempt: 0 };
