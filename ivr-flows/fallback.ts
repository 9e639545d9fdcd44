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

/** After the fallback line: whatever happened, a clear last sentence. */
export function afterFallbackDial(lang: Lang = 'fr'): FlowResult {
  return { steps: [say(voice(lang).call15First, lang), { verb: 'hangup' }], effects: [] };
}
