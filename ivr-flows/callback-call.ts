import { professionalPrompts as p } from './prompts/professional.js';
import { say } from './say.js';
import type { FlowResult } from './types.js';

/**
 * The outgoing legs of a callback: the professional is called first and screened (voicemail
 * must not "accept"), then bridged to the patient. `query` identifies the callback attempt.
 */
export function callbackScreen(territoryName: string, query: string): FlowResult {
  return {
    steps: [
      { verb: 'gather', numDigits: 1, timeout: 8, action: `/twilio/callback/accept?${query}`, prompts: [say(p.screenCallback(territoryName), 'fr')] },
      say(p.noKeyPressed, 'fr'),
      { verb: 'hangup' },
    ],
    effects: [],
  };
}

export function callbackAccept(digits: string | undefined, patientNumber: string, platformNumber: string, query: string): FlowResult {
  if (digits !== '1') return { steps: [say(p.noKeyPressed, 'fr'), { verb: 'hangup' }], effects: [] };
  return {
    steps: [
      say(p.connectingPatient, 'fr'),
      { verb: 'dial', number: patientNumber, timeout: 30, action: `/twilio/callback/patient-result?${query}`, screenPath: null, callerId: platformNumber },
    ],
    effects: [{ kind: 'accepted', attempt: 0 }],
  };
}

/** After dialling the patient: answered, or not (another try later, or we gave up). */
export function callbackPatientResult(answered: boolean, willRetry: boolean): FlowResult {
  if (answered) return { steps: [{ verb: 'hangup' }], effects: [{ kind: 'outcome', outcome: 'connected' }] };
  return { steps: [say(willRetry ? p.patientNoAnswer : p.patientGaveUp, 'fr'), { verb: 'hangup' }], effects: [] };
}
