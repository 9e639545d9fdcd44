/** Every sentence a caller or a professional hears, per language. */
export interface VoiceCatalogue {
  greeting(territory: string): string;
  emergencyWarning: string;
  recordingNotice: string;
  englishOffer: string;
  menuDoctor: string;
  /** 'centre15' mode with a CRRA number: 1 or silence transfers the caller to the régulation. */
  menuCrra: string;
  /** 'centre15' mode without a CRRA number: the regional number to dial, and 1 to hear it again. */
  menuDialRegional(regional: '15' | '116117'): string;
  /** Said just before the CRRA is dialled (by the line, or by a régulateur's hand-off). */
  crraTransfer: string;
  /** The CRRA did not answer (busy, no answer, failed): dial the regional number yourself. */
  crraUnreached(regional: '15' | '116117'): string;
  /** 'centre15' mode without a CRRA number: the last, clear instruction before hanging up. */
  dialRegional(regional: '15' | '116117'): string;
  /** A régulateur hands the patient to the CRRA during the call (REST redirect of the live call). */
  handoffToCrra: string;
  /** After the hand-off's Dial, answered or not: the call's last word. */
  crraHandoffEnd(regional: '15' | '116117'): string;
  menuPharmacy: string;
  menuCallback: string;
  menuRepeat: string;
  notUnderstood: string;
  noInput: string;
  closedHours(daytimeNumber: string | null): string;
  closedHoursMenu: string;
  /** Key 3 with nobody on the rota: the callback job rings only who is on duty then, so none is promised. */
  closedNoCallback: string;
  goodbye: string;
  call15First: string;
  /** PDSA time the doctors' service leaves to the régulation (e.g. 00:00–08:00) and nobody is on the rota. */
  regulationOnly: string;
  regulationOnlyMenu: string;
  pharmacyFromRota(name: string, phone: string): string;
  pharmacy3237: string;
  pharmacySmsOffer: string;
  pharmacySmsSent: string;
  callbackRecorded(smsFollows: boolean): string;
  hiddenNumberNoCallback: string;
  connecting: string;
  tryingNext: string;
  tryingFallback: string;
  nobodyReachedCallback(smsFollows: boolean): string;
  nobodyReachedHidden: string;
  doctorBusyOffer: string;
  holdPosition(position: number): string;
  holdMusic: string;
  /** The hold limit is reached: the caller is put through to someone else. */
  holdLimitReached: string;
  /** A doctor took the caller from the queue: heard just before the bridge. */
  holdTaken: string;
  endOfCall: string;
  /** Played to the patient when a doctor calls them back: a keypress, so a voicemail never counts as reached. */
  callbackPatientScreen(territory: string): string;
  callbackPatientNoKey: string;
}

/** A short regulation number as it is read out: "15", "116 117". */
export const spokenRegional = (regional: '15' | '116117') =>
  regional === '116117' ? '116 117' : '15';

/** Digits of a phone number read in pairs, the French way: "02 61 91 00 50". */
export function spokenNumber(e164OrLocal: string): string {
  const national = e164OrLocal.startsWith('+33') ? `0${e164OrLocal.slice(3)}` : e164OrLocal;
  return national.replace(/\D/g, '').replace(/(\d{2})(?=\d)/g, '$1 ');
}
