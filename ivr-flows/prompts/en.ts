import { spokenNumber, spokenRegional, type VoiceCatalogue } from './catalogue.js';

export const en: VoiceCatalogue = {
  greeting: (territory) => `Hello, this is the out-of-hours medical line of ${territory}.`,
  emergencyWarning:
    'If a life is in danger: chest pain, difficulty breathing, loss of consciousness, paralysis or heavy bleeding, hang up and dial 15 or 112. Deaf or hard of hearing: text 114.',
  recordingNotice:
    'This call is recorded by the platform for the traceability of care, and kept as the law requires.',
  englishOffer: 'For English, press 9.',
  menuDoctor: 'To speak to the doctor on call, press 1.',
  menuCrra:
    'To speak to the regulating doctor of the emergency medical centre, the 15, press 1 or stay on the line.',
  menuDialRegional: (regional) =>
    `To reach a doctor on call, hang up and dial ${spokenRegional(regional)}: the regulating doctor will direct you. To hear this again, press 1.`,
  crraTransfer:
    'We are putting you through to the medical regulation of the 15. Please stay on the line.',
  crraUnreached: (regional) =>
    `The medical regulation could not answer. Please hang up and dial ${spokenRegional(regional)}. Goodbye.`,
  dialRegional: (regional) =>
    `To reach a doctor on call, hang up and dial ${spokenRegional(regional)}: the regulating doctor will direct you. Goodbye.`,
  handoffToCrra:
    'The doctor is putting you through to the medical regulation of the 15. Please stay on the line.',
  crraHandoffEnd: (regional) =>
    `If the medical regulation could not answer you, hang up and dial ${spokenRegional(regional)}. Goodbye.`,
  menuPharmacy: 'For the pharmacy on duty, press 2.',
  menuCallback: 'To be called back, press 3.',
  menuRepeat: 'To hear this again, press star.',
  notUnderstood: 'Sorry, that choice is not available.',
  noInput: 'I did not hear anything.',
  closedHours: (daytime) =>
    `The out-of-hours service is closed now. Please call your own doctor.${daytime ? ` For same-day care, call ${spokenNumber(daytime)}.` : ''}`,
  closedHoursMenu: 'To hear this again, press star.',
  closedNoCallback:
    'No doctor is on call right now: we cannot call you back. If you get worse, dial 15.',
  goodbye: 'Thank you for calling. Goodbye.',
  call15First:
    'To reach a doctor on call, first dial 15: the regulating doctor will direct you. If unsure, dial 116 117. Goodbye.',
  regulationOnly:
    'At this hour the doctors on call of this area do not see patients: medical regulation takes the calls. Dial 15, or 116 117: the regulating doctor will direct you.',
  regulationOnlyMenu: 'To hear this again, press 1. For the pharmacy on duty, press 2.',
  pharmacyFromRota: (name, phone) => `The pharmacy on duty is ${name}, on ${spokenNumber(phone)}.`,
  pharmacy3237: 'To find the nearest pharmacy on duty, dial 32 37.',
  pharmacySmsOffer: 'To receive these details by text message, press 1.',
  pharmacySmsSent: 'You will receive a text message. Goodbye.',
  callbackRecorded: (sms) =>
    `Your callback request is recorded. A doctor on call will call you back as soon as possible.${sms ? ' You will receive a confirmation text.' : ''} Keep your phone with you. Goodbye.`,
  hiddenNumberNoCallback: 'Your number is hidden: we cannot call you back.',
  connecting: 'We are calling the doctor on call. Please stay on the line.',
  tryingNext:
    'The doctor is not answering yet. We are calling another doctor, please stay on the line.',
  tryingFallback: 'We are putting you through to the duty desk. Please stay on the line.',
  nobodyReachedCallback: (sms) =>
    `No doctor is available right now. Your callback request is recorded: a doctor will call you back as soon as possible.${sms ? ' You will receive a text.' : ''} If you get worse, dial 15. Goodbye.`,
  nobodyReachedHidden:
    'No doctor is available right now, and we cannot call back a hidden number. Please call again in a few minutes. If you get worse, dial 15. Goodbye.',
  doctorBusyOffer:
    'The doctor on call is speaking with another patient. To hold, press 1. To be called back, press 2.',
  holdPosition: (position) =>
    (position <= 1 ? 'You are next.' : `You are number ${position} in line.`) +
    ' The doctor will answer as soon as possible. Please stay on the line.',
  holdMusic: 'Thank you for holding.',
  holdTaken: 'Connecting you to the doctor.',
  holdLimitReached: 'The doctor on call is still busy. We are finding someone else to answer you.',
  endOfCall: 'Thank you for calling. Goodbye.',
  callbackPatientScreen: (territory) =>
    `Hello, this is the out-of-hours care line of ${territory}. A doctor is calling you back, as you asked. To speak to them, press 1.`,
  callbackPatientNoKey:
    'We did not get an answer. A doctor will call you again in a few minutes. Goodbye.',
};
