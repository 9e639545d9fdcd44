/** Every sentence a caller or a professional hears, per language. */
export interface VoiceCatalogue {
  greeting(territory: string): string;
  emergencyWarning: string;
  recordingNotice: string;
  englishOffer: string;
  menuDoctor: string;
  menuCall15First: string;
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
  endOfCall: string;
  /** Played to the patient when a doctor calls them back: a keypress, so a voicemail never counts as reached. */
  callbackPatientScreen(territory: string): string;
  callbackPatientNoKey: string;
}

/** Digits of a phone number read in pairs, the French way: "02 61 91 00 50". */
export function spokenNumber(e164OrLocal: string): string {
  const national = e164OrLocal.startsWith('+33') ? `0${e164OrLocal.slice(3)}` : e164OrLocal;
  return national.replace(/\D/g, '').replace(/(\d{2})(?=\d)/g, '$1 ');
}
