import { addDays, localDateOf, localHourMinute } from '../../rota/calendar/local-date.js';

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

export interface CallFact {
  startedAt: Date;
  connectedAt: Date | null;
  outcome: string | null;
}

/** Outcomes where the caller wanted a person; pharmacy information or closed hours are not "unanswered". */
const soughtCare = new Set(['connected', 'fallback', 'callback', 'abandoned']);
/** Put through to the on-duty professional or to the staffed fallback line. */
const answered = new Set(['connected', 'fallback']);

export interface NightStats {
  night: string;
  calls: number;
  /** Calls where the caller wanted a person (connected, fallback, callback, abandoned). */
  soughtCare: number;
  answered: number;
  /** answered / soughtCare in percent, null without such calls. */
  answerRate: number | null;
  /** Seconds from the call's start to a professional's keypress. */
  medianWait: number | null;
  p90Wait: number | null;
}

const waitSeconds = (c: CallFact) =>
  c.connectedAt ? (c.connectedAt.getTime() - c.startedAt.getTime()) / 1000 : null;

function statsOf(night: string, calls: readonly CallFact[]): NightStats {
  const sought = calls.filter((c) => soughtCare.has(c.outcome ?? '')).length;
  const ok = calls.filter((c) => answered.has(c.outcome ?? '')).length;
  const waits = calls.map(waitSeconds).filter((w): w is number => w !== null && w >= 0);
  return {
    night,
    calls: calls.length,
    soughtCare: sought,
    answered: ok,
    answerRate: sought ? Math.round((100 * ok) / sought) : null,
    medianWait: quantile(waits, 0.5),
    p90Wait: quantile(waits, 0.9),
  };
}

/** Per-night figures for `nights` (calls outside them are ignored), and the same over all of them. */
export function nightlyCallStats(
  calls: readonly CallFact[],
  nights: readonly string[],
  timeZone: string,
): { nights: NightStats[]; total: NightStats } {
  const byNight = new Map<string, CallFact[]>(nights.map((n) => [n, []]));
  for (const call of calls) byNight.get(nightOf(call.startedAt, timeZone))?.push(call);
  return {
    nights: nights.map((n) => statsOf(n, byNight.get(n)!)),
    total: statsOf('total', [...byNight.values()].flat()),
  };
}

export interface CallbackFact {
  status: 'pending' | 'in_progress' | 'done' | 'failed' | 'cancelled';
  dueBy: Date;
  completedAt: Date | null;
}

/** Callbacks against their deadline: done in time, done late, not done (deadline past), still open (not yet due). */
export function callbackDeadlines(
  callbacks: readonly CallbackFact[],
  now: Date,
): { inTime: number; late: number; notDone: number; open: number } {
  const out = { inTime: 0, late: 0, notDone: 0, open: 0 };
  for (const c of callbacks) {
    if (c.status === 'done' && c.completedAt)
      out[c.completedAt <= c.dueBy ? 'inTime' : 'late'] += 1;
    else if ((c.status === 'pending' || c.status === 'in_progress') && c.dueBy > now) out.open += 1;
    else out.notDone += 1;
  }
  return out;
}
