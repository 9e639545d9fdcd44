import { TZDate } from '@date-fns/tz';
import type { RegulationDecision } from '../../../db/schema/regulation.js';
import { callFacts, type CallTimeline } from '../../dashboard/call-timeline.js';
import { decisionLabels } from '../fiches/catalogue-fr.js';
import {
  callbackDeadlines,
  quantile,
  type CallbackCounts,
  type CallbackFact,
} from '../../dashboard/night-stats.js';

/**
 * Pure: the monthly activity of a territory's PDSA line for the ARS (R6315-2 asks for the
 * activity; R6315-3 for the regulation's trace). No clock, no database: the month's calls,
 * fiches, consultations and callbacks are the arguments.
 *
 * - received: every call to the patient line that month;
 * - regulated: calls a régulateur took (the keypress of a professional of the rota; the
 *   territory's permanence answering is not a regulation);
 * - decisions: the completed fiches of those calls, by kind; fiches still unfinished apart;
 * - consultations: MMG slots of that month booked (not cancelled) and honoured / no-show;
 * - wait before a régulateur: from the caller's choice to the régulateur's keypress;
 * - callbacks requested that month against their deadline.
 */

export interface FicheFact {
  decision: RegulationDecision | null;
  completed: boolean;
}

export interface BookingFact {
  status: 'booked' | 'cancelled' | 'honoured' | 'no_show';
}

export interface MonthlyActivity {
  month: string;
  callsReceived: number;
  regulated: number;
  decisions: Record<RegulationDecision, number>;
  fichesCompleted: number;
  fichesUnfinished: number;
  consultations: { booked: number; honoured: number; noShow: number; cancelled: number };
  /** Seconds, nearest rank; null without a regulated call. */
  medianWaitBeforeRegulator: number | null;
  callbacks: CallbackCounts & { requested: number };
}

/** [first instant, first instant of the next month) of `month` (AAAA-MM) in `timeZone`. */
export function monthBounds(month: string, timeZone: string): { since: Date; until: Date } {
  const year = Number(month.slice(0, 4));
  const index = Number(month.slice(5, 7)) - 1;
  return {
    since: new Date(new TZDate(year, index, 1, timeZone).getTime()),
    until: new Date(new TZDate(year, index + 1, 1, timeZone).getTime()),
  };
}

const noDecisions = (): Record<RegulationDecision, number> => ({
  medical_advice: 0,
  mmg_consultation: 0,
  home_visit: 0,
  pharmacy: 0,
  samu_transfer: 0,
  emergency_department: 0,
});

export function monthlyActivity(input: {
  month: string;
  calls: readonly CallTimeline[];
  fiches: readonly FicheFact[];
  bookings: readonly BookingFact[];
  callbacks: readonly CallbackFact[];
  now: Date;
}): MonthlyActivity {
  const facts = input.calls.map(callFacts);
  const byRegulator = facts.filter((f) => f.reached === 'doctor');
  const decisions = noDecisions();
  for (const f of input.fiches) if (f.completed && f.decision) decisions[f.decision] += 1;
  const count = (status: BookingFact['status']) =>
    input.bookings.filter((b) => b.status === status).length;
  return {
    month: input.month,
    callsReceived: input.calls.length,
    regulated: byRegulator.length,
    decisions,
    fichesCompleted: input.fiches.filter((f) => f.completed).length,
    fichesUnfinished: input.fiches.filter((f) => !f.completed).length,
    consultations: {
      booked: input.bookings.length - count('cancelled'),
      honoured: count('honoured'),
      noShow: count('no_show'),
      cancelled: count('cancelled'),
    },
    medianWaitBeforeRegulator: quantile(
      byRegulator.map((f) => f.waitSeconds).filter((w): w is number => w !== null),
      0.5,
    ),
    callbacks: {
      requested: input.callbacks.length,
      ...callbackDeadlines(input.callbacks, input.now),
    },
  };
}

/** The report as rows of (label, value): the one order of the page, the CSV and the PDF. */
export function activityRows(a: MonthlyActivity): [string, string][] {
  const wait = a.medianWaitBeforeRegulator;
  return [
    ['Appels reçus', String(a.callsReceived)],
    ['Appels régulés (pris par un médecin régulateur)', String(a.regulated)],
    ...(Object.keys(decisionLabels) as RegulationDecision[]).map((d): [string, string] => [
      `Décision : ${decisionLabels[d]}`,
      String(a.decisions[d]),
    ]),
    ['Fiches de régulation remplies', String(a.fichesCompleted)],
    ['Fiches de régulation non remplies', String(a.fichesUnfinished)],
    ['Consultations réservées à la MMG', String(a.consultations.booked)],
    ['Consultations honorées', String(a.consultations.honoured)],
    ['Patients non venus', String(a.consultations.noShow)],
    ['Consultations annulées', String(a.consultations.cancelled)],
    [
      'Attente médiane avant un régulateur',
      wait === null ? '—' : `${Math.floor(wait / 60)} min ${String(wait % 60).padStart(2, '0')} s`,
    ],
    ['Rappels demandés', String(a.callbacks.requested)],
    ['Rappels faits dans le délai', String(a.callbacks.inTime)],
    ['Rappels faits en retard', String(a.callbacks.late)],
    ['Rappels non faits', String(a.callbacks.notDone)],
    ['Rappels en cours', String(a.callbacks.open)],
  ];
}
