import { say, voice } from './say.js';
import type { FlowResult, Lang } from './types.js';

/**
 * What to answer when anything went wrong, without the database: an apology, then the
 * territory's staffed fallback line; with no number at all, a clear spoken instruction.
 */
export function safeFallback(fallbackNumber: string | null, lang: Lang = 'fr'): FlowResult {
  const apology =
    lang === 'en'
      ? 'Sorry, our line has a technical problem.'
      : 'Excusez-nous, notre plateforme rencontre un problème technique.';
  if (fallbackNumber) {
    const transfer =
      lang === 'en'
        ? 'We are putting you through to the duty desk.'
        : 'Nous vous mettons en relation avec la permanence.';
    return {
      steps: [
        say(`${apology} ${transfer}`, lang),
        {
          verb: 'dial',
          number: fallbackNumber,
          timeout: 30,
          action: '/twilio/fallback/after-dial',
          screenPath: null,
        },
      ],
      effects: [{ kind: 'outcome', outcome: 'fallback' }],
    };
  }
  return {
    steps: [say(`${apology} ${voice(lang).call15First}`, lang), { verb: 'hangup' }],
    effects: [{ kind: 'outcome', outcome: 'call_15_first' }],
  };
}

/**
 * What to answer on a professional's own leg (screening, queue offer) when anything went wrong:
 * a short apology and hang up. A <Dial> there would connect the doctor's phone to the fallback
 * line; the patient's own call goes on and escalates by its Dial action.
 */
export function safeLegAnswer(lang: Lang = 'fr'): FlowResult {
  const apology =
    lang === 'en'
      ? 'Sorry, our line has a technical problem. Goodbye.'
      : 'Excusez-nous, notre plateforme rencontre un problème technique. Au revoir.';
  return { steps: [say(apology, lang), { verb: 'hangup' }], effects: [] };
}

/**
 * In an <Enqueue> wait document (the hold music) nothing but leaving is valid: the caller then
 * goes on through the Enqueue action (the hold result: backup, fallback line or a callback).
 */
export const safeHoldWaitAnswer: FlowResult = { steps: [{ verb: 'leave' }], effects: [] };

/**
 * In the <Queue url> document played to a caller a doctor just took from the queue: nothing.
 * The bridge follows whatever it says (only Say, Play, Pause, Redirect are valid there).
 */
export const safeDequeuedAnswer: FlowResult = { steps: [], effects: [] };

/** After the fallback line: whatever happened, a clear last sentence. */
export function afterFallbackDial(lang: Lang = 'fr'): FlowResult {
  return { steps: [say(voice(lang).call15First, lang), { verb: 'hangup' }], effects: [] };
}
