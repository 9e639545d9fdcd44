import type { Interval } from '../types.js';
import { wallClockToInstant } from '../local-time.js';
import { addDays, localDateOf, localHourMinute, weekdayOf } from './local-date.js';

/** What decides PDSA hours in a territory (R6315-1 plus the region's choices). */
export interface PdsaCalendar {
  timeZone: string;
  /** Public holidays, local dates. */
  holidays: Set<string>;
  /** Confirmed ponts, local dates. */
  ponts: Set<string>;
  /** Saturday 12:00–20:00 (a regional choice, taken almost everywhere). */
  saturdayAfternoon: boolean;
}

const eight = 8 * 60;
const noon = 12 * 60;
const twenty = 20 * 60;

/**
 * Is `instant` within PDSA hours: nights, Sundays, holidays, ponts, Saturday afternoon?
 * Read in local wall-clock time, so the answer is right on both DST days.
 */
export function isPdsaTime(instant: Date, calendar: PdsaCalendar): boolean {
  const minutes = localHourMinute(instant, calendar.timeZone);
  if (minutes >= twenty || minutes < eight) return true;
  const date = localDateOf(instant, calendar.timeZone);
  const weekday = weekdayOf(date);
  if (weekday === 'sun' || calendar.holidays.has(date) || calendar.ponts.has(date)) return true;
  return weekday === 'sat' && calendar.saturdayAfternoon && minutes >= noon;
}

/**
 * The PDSA periods overlapping `range`, merged and clipped, in UTC instants: every night
 * 20:00 → 08:00, Sundays / holidays / confirmed ponts 08:00 → 20:00, Saturday 12:00 → 20:00 when
 * the region chose it. Wall-clock bounds are placed in the zone day by day, so the night into
 * the last Sunday of March lasts 11 h and the one into the last Sunday of October 13 h.
 */
export function pdsaPeriods(range: Interval, calendar: PdsaCalendar): Interval[] {
  const { timeZone } = calendar;
  const first = addDays(localDateOf(range.start, timeZone), -1);
  const last = localDateOf(range.end, timeZone);
  const raw: Interval[] = [];
  for (let day = first; day <= last; day = addDays(day, 1)) {
    const weekday = weekdayOf(day);
    const at = (d: string, t: string) => wallClockToInstant(d, t, timeZone);
    if (weekday === 'sun' || calendar.holidays.has(day) || calendar.ponts.has(day)) {
      raw.push({ start: at(day, '08:00'), end: at(day, '20:00') });
    } else if (weekday === 'sat' && calendar.saturdayAfternoon) {
      raw.push({ start: at(day, '12:00'), end: at(day, '20:00') });
    }
    raw.push({ start: at(day, '20:00'), end: at(addDays(day, 1), '08:00') });
  }
  return mergeIntervals(raw)
    .map((i) => ({
      start: new Date(Math.max(i.start.getTime(), range.start.getTime())),
      end: new Date(Math.min(i.end.getTime(), range.end.getTime())),
    }))
    .filter((i) => i.end > i.start);
}

/** Sorts and merges touching or overlapping intervals. */
export function mergeIntervals(intervals: Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a.start.getTime() - b.start.getTime());
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && i.start.getTime() <= last.end.getTime()) {
      if (i.end > last.end) last.end = i.end;
    } else {
      out.push({ start: i.start, end: i.end });
    }
  }
  return out;
}
