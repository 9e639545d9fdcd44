import { voicePath } from './call-url.js';
import { say, voice } from './say.js';
import type { CallState } from './state.js';
import type { FlowContext, FlowResult, Lang, Prompt, Step } from './types.js';

/*
 * 'centre15' mode (CSP R6315-3): the territory has no regulated platform of its own, so the line
 * never rings a doctor. After the warning it hands the caller to the régulation: the CRRA's long
 * number where the territory has one (a staffed call centre: dialled without keypress screening),
 * otherwise a clear instruction to dial the regional short number, which no platform can dial.
 */

/** The territory's line hands every caller to the régulation of the 15. */
export const inCentre15 = (ctx: FlowContext): boolean =>
  ctx.territory.regulationMode === 'centre15';

/** Seconds the CRRA may ring: a call centre answers from a queue, slower than a mobile. */
export const crraRingSeconds = 30;

/** The caller's language first, then the other: a tourist who pressed nothing still understands. */
export const bothLanguages = (lang: Lang, sentence: (l: Lang) => string): Prompt[] => {
  const other: Lang = lang === 'fr' ? 'en' : 'fr';
  return [say(sentence(lang), lang), say(sentence(other), other)];
};

/** The centre15 menu's first line: 1 (or staying on the line) for the régulation. */
export function centre15MenuLine(ctx: FlowContext, lang: Lang): string {
  const t = voice(lang);
  return ctx.territory.crraNumber ? t.menuCrra : t.menuDialRegional(ctx.territory.regionalNumber);
}

/**
 * To the régulation: the CRRA dialled unscreened (its Dial action comes back to dial-result,
 * read by `crraDialResult` in this mode), or the instruction to dial the regional number, then
 * hang up. Never a doctor of the rota, never the fallback line.
 */
export function toRegulation(ctx: FlowContext, state: CallState): FlowResult {
  const { crraNumber, regionalNumber } = ctx.territory;
  if (!crraNumber) {
    return {
      steps: [
        ...bothLanguages(state.lang, (l) => voice(l).dialRegional(regionalNumber)),
        { verb: 'hangup' },
      ],
      effects: [
        { kind: 'visit', node: 'regulation_centre15' },
        { kind: 'outcome', outcome: 'call_15_first' },
      ],
    };
  }
  const steps: Step[] = [
    ...bothLanguages(state.lang, (l) => voice(l).crraTransfer),
    {
      verb: 'dial',
      number: crraNumber,
      timeout: crraRingSeconds,
      action: voicePath('dial-result', state),
      screenPath: null,
    },
  ];
  return { steps, effects: [{ kind: 'visit', node: 'crra_transfer' }] };
}

/**
 * After the CRRA's Dial. Answered: the régulation had the caller, a last goodbye. Busy, no answer
 * or failed: the instruction to hang up and dial the regional number, then hang up.
 */
export function crraDialResult(
  ctx: FlowContext,
  state: CallState,
  dialStatus: string | undefined,
): FlowResult {
  const t = voice(state.lang);
  const answered = dialStatus === 'completed';
  const steps: Step[] = answered
    ? [say(t.endOfCall, state.lang)]
    : bothLanguages(state.lang, (l) => voice(l).crraUnreached(ctx.territory.regionalNumber));
  return {
    steps: [...steps, { verb: 'hangup' }],
    effects: [
      { kind: 'visit', node: answered ? 'crra_answered' : 'crra_unreached' },
      { kind: 'outcome', outcome: 'call_15_first' },
    ],
  };
}
