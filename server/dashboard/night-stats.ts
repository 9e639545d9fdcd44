import { addDays, localDateOf, localHourMinute } from '../../rota/calendar/local-date.js';
import { callFacts, type CallFacts, type CallTimeline } from './call-timeline.js';

/**
 * Pure statistics of the dashboard: a "night" runs from 08:00 local to 08:00 local the next day
 * and is named by its evening's date, so a call at 03:00 on Tuesday counts for Monday's night,
 * as the coordinators read their rota. No clock, no database: `now` and the zone are arguments.
 */

/** The night (its evening's local date) an instant belongs to: before 08:00 local, the day before. */
export function nightOf(instant: Date, timeZone: string): string {
  const day = localDateOf(instant, timeZone);
  return localHourMinute(instant, timeZone) < 8 * 60 ? addDays(day, -1) : day;
}

/** The `count` nights up to and including the current one, oldest first. */
export function lastNights(now: Date, timeZone: string, count: number): string[] {
  const current = nightOf(now, timeZone);
  return Array.from({ length: count }, (_, i) => addDays(current, i - count + 1));
}

/** Nearest-rank quantile (q in (0, 1]) of unsorted values; null when there are none. */
export function quantile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length))) - 1]!;
}

export interface NightStats {
  night: string;
  calls: number;
  /** Calls where the caller wanted a person (reached one, asked a callback, or gave up). */
  soughtCare: number;
  /** Taken by a professional of the rota (their keypress). */
  reachedDoctor: number;
  /** Taken by the territory's permanence (fallback line). */
  reachedFallback: number;
  /** Hung up before anyone answered, without a callback request. */
  abandonedBeforePerson: number;
  /** reachedDoctor / soughtCare in percent, null without such calls. */
  doctorRate: number | null;
  /** Seconds from choosing the doctor to a person's keypress (doctor or permanence). */
  medianWait: number | null;
  p90Wait: number | null;
  /** Callbacks requested that night, against their deadline. */
  callbacks: CallbackCounts;
}

function statsOf(
  night: string,
  calls: readonly CallFacts[],
  callbacks: readonly CallbackFact[],
  now: Date,
): NightStats {
  const sought = calls.filter((c) => c.soughtPerson).length;
  const doctor = calls.filter((c) => c.reached === 'doctor').length;
  const waits = calls.map((c) => c.waitSeconds).filter((w): w is number => w !== null);
  return {
    night,
    calls: calls.length,
    soughtCare: sought,
    reachedDoctor: doctor,
    reachedFallback: calls.filter((c) => c.reached === 'fallback').length,
    abandonedBeforePerson: calls.filter((c) => c.abandonedBeforePerson).length,
    doctorRate: sought ? Math.round((100 * doctor) / sought) : null,
    medianWait: quantile(waits, 0.5),
    p90Wait: quantile(waits, 0.9),
    callbacks: callbackDeadlines(callbacks, now),
  };
}

/**
 * Per-night figures for `nights` (calls and callbacks outside them are ignored), and the same over
 * all of them. Each call counts for the night it started in; each callback for the night it was
 * requested in.
 */
export function nightlyCallStats(
  timelines: readonly CallTimeline[],
  callbacks: readonly CallbackFact[],
  nights: readonly string[],
  timeZone: string,
  now: Date,
): { nights: NightStats[]; total: NightStats } {
  const calls = new Map<string, CallFacts[]>(nights.map((n) => [n, []]));
  for (const t of timelines) calls.get(nightOf(t.startedAt, timeZone))?.push(callFacts(t));
  const asked = new Map<string, CallbackFact[]>(nights.map((n) => [n, []]));
  for (const c of callbacks) asked.get(nightOf(c.createdAt, timeZone))?.push(c);
  return {
    nights: nights.map((n) => statsOf(n, calls.get(n)!, asked.get(n)!, now)),
    total: statsOf('total', [...calls.values()].flat(), [...asked.values()].flat(), now),
  };
}

export interface CallbackFact {
  createdAt: Date;
  status: 'pending' | 'in_progress' | 'done' | 'failed' | 'cancelled';
  dueBy: Date;
  completedAt: Date | null;
}

/** Callbacks against their deadline: done in time, done late, not done (deadline past), still open (not yet due). */
export interface CallbackCounts {
  inTime: number;
  late: number;
  notDone: number;
  open: number;
}

export function callbackDeadlines(
  callbacks: readonly Omit<CallbackFact, 'createdAt'>[],
  now: Date,
): CallbackCounts {
  const out = { inTime: 0, late: 0, notDone: 0, open: 0 };
  for (const c of callbacks) {
    if (c.status === 'done' && c.completedAt)
      out[c.completedAt <= c.dueBy ? 'inTime' : 'late'] += 1;
    else if ((c.status === 'pending' || c.status === 'in_progress') && c.dueBy > now) out.open += 1;
    else out.notDone += 1;
  }
  return out;
}
