import type { Interval } from '../types.js';
import { wallClockToInstant } from '../local-time.js';
import { addDays, localDateOf, localHourMinute, weekdayOf } from './local-date.js';

/**
 * A service's own hours within its territory's PDSA calendar (pharmacies, dentists… do not keep
 * the doctors' hours). The default, `territoryHours`, is the territory's: nothing changes for a
 * service nobody configured.
 */
export interface ServiceHours {
  /**
   * Saturday daytime: 'territory' 12:00–20:00 when the region chose it (`saturdayAfternoon`);
   * 'afternoon' 12:00–20:00; 'day' 08:00–20:00; 'none' no Saturday daytime (e.g. pharmacies,
   * open as usual on Saturday afternoon).
   */
  saturday: 'territory' | 'afternoon' | 'day' | 'none';
  /**
   * Nights: 'full' 20:00–08:00; 'evening' 20:00–00:00, then 00:00–08:00 is left to the régulation
   * (the service's professionals are not on duty); 'none' no nights at all (e.g. dentists).
   */
  nights: 'full' | 'evening' | 'none';
}

/** The territory's own hours: what every service keeps unless configured otherwise. */
export const territoryHours: ServiceHours = { saturday: 'territory', nights: 'full' };

/** What decides PDSA hours in a territory (R6315-1 plus the region's choices). */
export interface PdsaCalendar {
  timeZone: string;
  /** Public holidays, local dates. */
  holidays: Set<string>;
  /** Confirmed ponts, local dates. */
  ponts: Set<string>;
  /** Saturday 12:00–20:00 (a regional choice, taken almost everywhere). */
  saturdayAfternoon: boolean;
  /** One service's own hours; absent: the territory's (`territoryHours`). */
  hours?: ServiceHours;
}

const eight = 8 * 60;
const noon = 12 * 60;
const twenty = 20 * 60;

/** Where Saturday daytime starts for these hours (minutes after midnight), or null if none. */
function saturdayStart(calendar: PdsaCalendar): number | null {
  const { saturday } = calendar.hours ?? territoryHours;
  if (saturday === 'territory') return calendar.saturdayAfternoon ? noon : null;
  return saturday === 'afternoon' ? noon : saturday === 'day' ? eight : null;
}

/**
 * Is `instant` within PDSA hours: nights, Sundays, holidays, ponts, Saturday afternoon? With
 * `calendar.hours`, within that service's own hours. Read in local wall-clock time, so the
 * answer is right on both DST days.
 */
export function isPdsaTime(instant: Date, calendar: PdsaCalendar): boolean {
  const { nights } = calendar.hours ?? territoryHours;
  const minutes = localHourMinute(instant, calendar.timeZone);
  if (minutes >= twenty) return nights !== 'none';
  if (minutes < eight) return nights === 'full';
  const date = localDateOf(instant, calendar.timeZone);
  const weekday = weekdayOf(date);
  if (weekday === 'sun' || calendar.holidays.has(date) || calendar.ponts.has(date)) return true;
  const saturday = saturdayStart(calendar);
  return weekday === 'sat' && saturday !== null && minutes >= saturday;
}

/**
 * Is `instant` PDSA time (the territory's hours) that the service of `calendar.hours` leaves to
 * the régulation: e.g. 00:00–08:00 for a service whose nights end at midnight?
 */
export function isRegulationOnlyTime(instant: Date, calendar: PdsaCalendar): boolean {
  const { hours: _own, ...territory } = calendar;
  return isPdsaTime(instant, territory) && !isPdsaTime(instant, calendar);
}

/**
 * The PDSA periods overlapping `range`, merged and clipped, in UTC instants: every night
 * 20:00 → 08:00, Sundays / holidays / confirmed ponts 08:00 → 20:00, Saturday 12:00 → 20:00 when
 * the region chose it; with `calendar.hours`, that service's own hours instead (Saturday from
 * 08:00 or none, nights ending at midnight or none). Wall-clock bounds are placed in the zone day
 * by day, so the night into the last Sunday of March lasts 11 h and the one into the last Sunday
 * of October 13 h.
 */
export function pdsaPeriods(range: Interval, calendar: PdsaCalendar): Interval[] {
  const { timeZone } = calendar;
  const { nights } = calendar.hours ?? territoryHours;
  const saturday = saturdayStart(calendar);
  const first = addDays(localDateOf(range.start, timeZone), -1);
  const last = localDateOf(range.end, timeZone);
  const raw: Interval[] = [];
  for (let day = first; day <= last; day = addDays(day, 1)) {
    const weekday = weekdayOf(day);
    const at = (d: string, t: string) => wallClockToInstant(d, t, timeZone);
    if (weekday === 'sun' || calendar.holidays.has(day) || calendar.ponts.has(day)) {
      raw.push({ start: at(day, '08:00'), end: at(day, '20:00') });
    } else if (weekday === 'sat' && saturday !== null) {
      raw.push({ start: at(day, saturday === eight ? '08:00' : '12:00'), end: at(day, '20:00') });
    }
    if (nights !== 'none') {
      const until = nights === 'full' ? '08:00' : '00:00';
      raw.push({ start: at(day, '20:00'), end: at(addDays(day, 1), until) });
    }
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
