import { professionalPrompts as p } from './prompts/professional.js';
import { callbackPath, type CallbackRef } from './call-url.js';
import { say, voice } from './say.js';
import type { FlowResult, Lang } from './types.js';

/**
 * The outgoing legs of a callback: the professional is called first and screened (voicemail
 * must not "accept"), then the patient, screened too: a patient's voicemail must not close the
 * callback as done. `ref` names the callback attempt, carried in every URL of its call.
 */
export function callbackScreen(territoryName: string, ref: CallbackRef): FlowResult {
  return {
    steps: [
      {
        verb: 'gather',
        numDigits: 1,
        timeout: 8,
        action: callbackPath('accept', ref),
        prompts: [say(p.screenCallback(territoryName), 'fr')],
      },
      say(p.noKeyPressed, 'fr'),
      { verb: 'hangup' },
    ],
    effects: [],
  };
}

/** The professional's keypress: 1 dials the patient (screened too), anything else hangs up. */
export function callbackAccept(
  digits: string | undefined,
  patientNumber: string,
  platformNumber: string,
  ref: CallbackRef,
): FlowResult {
  if (digits !== '1')
    return { steps: [say(p.noKeyPressed, 'fr'), { verb: 'hangup' }], effects: [] };
  return {
    steps: [
      say(p.connectingPatient, 'fr'),
      {
        verb: 'dial',
        number: patientNumber,
        timeout: 30,
        action: callbackPath('patient-result', ref),
        screenPath: callbackPath('patient-screen', ref),
        callerId: platformNumber,
      },
    ],
    effects: [{ kind: 'accepted', attempt: 0 }],
  };
}

/**
 * The patient's leg when they pick up: press 1 to be put through. Said twice (a patient may need
 * a moment to understand who is calling); a voicemail presses nothing and the leg hangs up.
 */
export function callbackPatientScreen(
  territoryName: string,
  lang: Lang,
  ref: CallbackRef,
): FlowResult {
  const gather = {
    verb: 'gather' as const,
    numDigits: 1,
    timeout: 6,
    action: callbackPath('patient-accept', ref),
    prompts: [say(voice(lang).callbackPatientScreen(territoryName), lang)],
  };
  return {
    steps: [gather, gather, say(voice(lang).callbackPatientNoKey, lang), { verb: 'hangup' }],
    effects: [],
  };
}

/** 1: an empty answer, the legs bridge; anything else hangs the patient's leg up. */
export function callbackPatientAccept(digits: string | undefined, lang: Lang): FlowResult {
  if (digits === '1') return { steps: [], effects: [] };
  return { steps: [say(voice(lang).callbackPatientNoKey, lang), { verb: 'hangup' }], effects: [] };
}

/** After dialling the patient: reached (they pressed 1), or not (another try later, or we gave up). */
export function callbackPatientResult(answered: boolean, willRetry: boolean): FlowResult {
  if (answered)
    return { steps: [{ verb: 'hangup' }], effects: [{ kind: 'outcome', outcome: 'connected' }] };
  return {
    steps: [say(willRetry ? p.patientNoAnswer : p.patientGaveUp, 'fr'), { verb: 'hangup' }],
    effects: [],
  };
}
