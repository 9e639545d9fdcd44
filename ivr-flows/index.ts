/**
 * IVR flows: pure functions of call state, caller input and context → steps to render and
 * effects to record. No HTTP, no Twilio, no database, no clock.
 */
export * from './types.js';
export * from './state.js';
export * from './call-url.js';
export {
  startCall,
  menuChoice,
  pharmacySms,
  callbackRequested,
  maxRetries,
  lineOpen,
  regulationHour,
} from './patient-line.js';
export { inCentre15, toRegulation, crraDialResult } from './patient-line-centre15.js';
export { crraHandoff } from './patient-line-handoff.js';
export { routeToContact, screenLeg, screenResult, dialResult, ringSeconds } from './routing.js';
export {
  busyChoice,
  holdTaken,
  holdWait,
  holdResult,
  queueOffer,
  queueTake,
} from './hold-queue.js';
export {
  safeFallback,
  safeLegAnswer,
  safeHoldWaitAnswer,
  safeDequeuedAnswer,
  afterFallbackDial,
} from './fallback.js';
export { spokenSeconds } from './speech-time.js';
export {
  callbackScreen,
  callbackAccept,
  callbackPatientScreen,
  callbackPatientAccept,
  callbackPatientResult,
} from './callback-call.js';
