/** Per-territory settings kept as JSON: local practice is configuration, not code. */
export interface TerritorySettings {
  /**
   * Retired (round five): territories.regulation_mode is the one truth (migration 0005 set it
   * from this). Old rows may still carry it; nothing reads it.
   */
  regulates?: boolean;
  /** Speak the recording / data notice at the start of each call. */
  recordingNotice: boolean;
  languages: ('fr' | 'en')[];
  /** Alsace-Moselle adds Good Friday and 26 December. */
  alsaceMoselle: boolean;
  /** Overseas département whose own holidays apply (rota/calendar/holidays.ts); wins over Alsace-Moselle. */
  overseas?: 'GP' | 'MQ' | 'GF' | 'RE' | 'YT' | null;
  /** Saturday 12:00–20:00 is PDSA in this region. */
  saturdayAfternoon: boolean;
  /** Swaps taken by a colleague are approved without a manager. */
  swapAutoApprove: boolean;
  /** Minutes within which a callback must be done before the backup is alerted. */
  callbackDeadlineMinutes: number;
  /** Send the next-morning follow-up SMS after a connected call. */
  followUpSms: boolean;
  /**
   * Retention, in days. Callback requests go with the call records; inbound free-text SMS
   * (what a patient wrote to a line that does not read messages) are kept a shorter time.
   */
  retention: {
    callRecordsDays: number;
    smsDays: number;
    auditDays: number;
    /** Absent in settings saved before it existed: `defaultTerritorySettings`' value applies. */
    inboundFreeTextDays?: number;
    /** Fiches de régulation (health data, kept as the medical record requires). */
    regulationFichesDays?: number;
    /** Hospital stays and ADT messages (patient identity and health data). */
    hospitalDays?: number;
  };
}

export const defaultTerritorySettings: TerritorySettings = {
  recordingNotice: false,
  languages: ['fr', 'en'],
  alsaceMoselle: false,
  saturdayAfternoon: true,
  swapAutoApprove: false,
  callbackDeadlineMinutes: 30,
  followUpSms: false,
  retention: {
    callRecordsDays: 365 * 5,
    smsDays: 365,
    auditDays: 365 * 5,
    inboundFreeTextDays: 30,
    regulationFichesDays: 365 * 20,
    hospitalDays: 365,
  },
};

/** One slot of a shift template, in local wall-clock time (stored as JSON on the service). */
export interface ShiftTemplateSlot {
  name: string;
  days: ('mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun' | 'holiday' | 'pont')[];
  start: string;
  end: string;
  levels: number;
  kind: 'weeknight' | 'saturday' | 'sunday_holiday' | 'christmas_newyear';
  /** The tableau de garde's modality of this slot (e.g. 00:00–08:00 régulation); else the service's. */
  modality?: 'consultation' | 'visite' | 'regulation';
}
