/**
 * Core rota types shared by the pure engine and its adapters.
 * Instants are JS `Date` (UTC); local wall-clock rules carry an IANA zone.
 */

/** Escalation level: 1 = primary, 2 = first backup, … */
export type EscalationLevel = number;

/** A concrete shift of one service, possibly not yet assigned. */
export interface Shift {
  id: string;
  serviceId: string;
  /** null while the shift is open (a gap to fill). */
  professionalId: string | null;
  startsAt: Date;
  endsAt: Date;
  level: EscalationLevel;
  /** Weight class used by fairness, derived from the template or the calendar. */
  kind?: ShiftKind;
}

export type ShiftKind = 'weeknight' | 'saturday' | 'sunday_holiday' | 'christmas_newyear';

/** Someone replaces someone else for part (or all) of a shift. */
export interface Override {
  id: string;
  shiftId: string;
  /** Who takes the calls instead, between startsAt and endsAt. */
  professionalId: string;
  startsAt: Date;
  endsAt: Date;
}

/** A professional cannot be on duty in this interval (leave, illness). */
export interface Unavailability {
  professionalId: string;
  startsAt: Date;
  endsAt: Date;
}

export interface Professional {
  id: string;
  name: string;
  /** E.164 mobile, e.g. +33612345678 */
  mobile: string;
  languages: string[];
}

/** One number to ring, in order. */
export interface Contact {
  professionalId: string | null;
  name: string;
  phone: string;
  level: EscalationLevel;
  source: 'shift' | 'override' | 'fallback';
  shiftId: string | null;
}

export interface Interval {
  start: Date;
  end: Date;
}
