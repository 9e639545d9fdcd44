import { professionalPrompts } from './prompts/professional.js';
import { say, voice } from './say.js';
import {
  dialResultPath,
  screenPath,
  screenResultPath,
  voicePath,
  type LegRef,
} from './call-url.js';
import { crraDialResult, inCentre15, toRegulation } from './patient-line-centre15.js';
import type { CallState } from './state.js';
import type { Effect, FlowContext, FlowResult } from './types.js';

/** Seconds a professional's phone rings before we move on (under most voicemail delays). */
export const ringSeconds = 20;

/**
 * Rings contact number `state.attempt`, with keypress screening so that a voicemail never takes
 * the patient. Past the last contact: a callback request (or, for a hidden number, a clear
 * instruction). The caller always hears a sentence before the ringing.
 */
export function routeToContact(ctx: FlowContext, state: CallState): FlowResult {
  // The one guard of every ring (menu, safe default, hold, hidden caller): in centre15 mode the
  // line never rings a doctor nor the fallback line, a call in flight when the mode changed too.
  if (inCentre15(ctx)) return toRegulation(ctx, state);
  const t = voice(state.lang);
  if (state.attempt === 0 && ctx.doctorBusy) {
    return {
      steps: [
        {
          verb: 'gather',
          numDigits: 1,
          timeout: 6,
          action: voicePath('busy-choice', state),
          prompts: [say(t.doctorBusyOffer, state.lang)],
        },
        { verb: 'redirect', path: voicePath('busy-choice', state, true) },
      ],
      effects: [{ kind: 'visit', node: 'doctor_busy' }],
    };
  }
  const contact = ctx.contacts[state.attempt];
  if (!contact) return nobodyReached(ctx, state);
  const isFallback = contact.source === 'fallback';
  // A call centre's agents cannot press 1; any other number is screened, the fallback line
  // included, so that a voicemail never takes the patient.
  const screened = !(isFallback && ctx.territory.fallbackIsCallCentre);
  const leg = {
    call: ctx.callSid,
    line: ctx.lineNumber,
    attempt: state.attempt,
    pro: contact.professionalId ?? '',
  };
  const sentence =
    state.attempt === 0 && !isFallback
      ? t.connecting
      : isFallback
        ? t.tryingFallback
        : t.tryingNext;
  return {
    steps: [
      say(sentence, state.lang),
      {
        verb: 'dial',
        number: contact.phone,
        timeout: ringSeconds,
        action: dialResultPath(state, contact.professionalId),
        screenPath: screened ? screenPath(leg) : null,
      },
    ],
    effects: [
      { kind: 'visit', node: isFallback ? 'route_fallback' : 'route' },
      { kind: 'ring', attempt: state.attempt, contact },
    ],
  };
}

function nobodyReached(ctx: FlowContext, state: CallState): FlowResult {
  const t = voice(state.lang);
  if (ctx.caller.hidden) {
    return {
      steps: [say(t.nobodyReachedHidden, state.lang), { verb: 'hangup' }],
      effects: [
        { kind: 'visit', node: 'nobody_reached' },
        { kind: 'outcome', outcome: 'abandoned' },
      ],
    };
  }
  return {
    steps: [say(t.nobodyReachedCallback(ctx.caller.isMobile), state.lang), { verb: 'hangup' }],
    effects: [
      { kind: 'visit', node: 'nobody_reached' },
      { kind: 'request_callback', reason: 'nobody_answered' },
      { kind: 'outcome', outcome: 'callback' },
    ],
  };
}

/** The screening leg, played on the professional's phone when it answers. Always French. */
export function screenLeg(territoryName: string, leg: LegRef): FlowResult {
  const p = professionalPrompts;
  return {
    steps: [
      {
        verb: 'gather',
        numDigits: 1,
        timeout: 8,
        action: screenResultPath(leg),
        prompts: [say(p.screenPatient(territoryName), 'fr')],
      },
      say(p.noKeyPressed, 'fr'),
      { verb: 'hangup' },
    ],
    effects: [],
  };
}

/**
 * "1" accepts (an empty answer lets Twilio bridge the legs); anything else hangs the leg up. A
 * professional already bridged to another patient (`claimed` false: two patients rang them at
 * once) is told so and the leg hangs up: the Dial action then tries the next contact.
 */
export function screenResult(
  attempt: number,
  digits: string | undefined,
  claimed = true,
): FlowResult {
  if (digits === '1' && claimed) return { steps: [], effects: [{ kind: 'accepted', attempt }] };
  const sentence =
    digits === '1' ? professionalPrompts.alreadyBridged : professionalPrompts.noKeyPressed;
  return { steps: [say(sentence, 'fr'), { verb: 'hangup' }], effects: [] };
}

/**
 * After a Dial: connected only if the screening recorded a keypress (`accepted`), or the
 * territory's call centre (dialled unscreened) answered; otherwise the next contact.
 */
export function dialResult(
  ctx: FlowContext,
  state: CallState,
  dialStatus: string | undefined,
  accepted: boolean,
): FlowResult {
  // In centre15 mode the only Dial of the line is the CRRA's.
  if (inCentre15(ctx)) return crraDialResult(ctx, state, dialStatus);
  const contact = ctx.contacts[state.attempt] ?? null;
  const fallbackAnswered =
    contact?.source === 'fallback' &&
    ctx.territory.fallbackIsCallCentre &&
    dialStatus === 'completed';
  if (accepted || fallbackAnswered) {
    const effects: Effect[] = [
      { kind: 'ring_result', attempt: state.attempt, contact, result: 'accepted' },
      { kind: 'connected', attempt: state.attempt, contact },
      // The permanence took the call (screened or a call centre): never a professional.
      { kind: 'outcome', outcome: contact?.source === 'fallback' ? 'fallback' : 'connected' },
    ];
    return { steps: [say(voice(state.lang).endOfCall, state.lang), { verb: 'hangup' }], effects };
  }
  const next = routeToContact(ctx, { ...state, attempt: state.attempt + 1 });
  const result = dialStatus === 'completed' ? 'not_accepted' : (dialStatus ?? 'failed');
  return {
    steps: next.steps,
    effects: [{ kind: 'ring_result', attempt: state.attempt, contact, result }, ...next.effects],
  };
}
