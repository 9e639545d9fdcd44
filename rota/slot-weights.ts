import { addDays, localDateOf, weekdayOf } from './calendar/local-date.js';
import { wallClockToInstant } from './local-time.js';
import type { ShiftKind } from './types.js';

/**
 * The one classifier of rota time, whatever door a shift came in by (API, CSV, template,
 * auto-fill): its times and the territory's calendar say what kind of slot it is, how heavy it
 * weighs and whether it is one of the year's heavy slots that rotate from one year to the next.
 *
 * Rota time is cut into periods: the day 08:00–20:00 and the night 20:00–08:00, a night
 * belonging to its evening's date. A shift is weighed piece by piece, each piece in proportion to
 * its share of its period (a half-day weighs half), so a 24 h Sunday is a Sunday day plus a
 * Sunday night, and a night cut at midnight leaves two halves of the same night.
 */

/** The kinds of slot a territory weighs. */
export type SlotKind =
  | 'weeknight'
  | 'saturday_afternoon'
  | 'saturday_night'
  | 'sunday_holiday_day'
  | 'sunday_holiday_night'
  | 'christmas_newyear';

export type SlotWeights = Record<SlotKind, number>;

/** Every slot kind, lightest (by default weight) first. */
export const slotKinds: readonly SlotKind[] = [
  'weeknight',
  'saturday_afternoon',
  'saturday_night',
  'sunday_holiday_day',
  'sunday_holiday_night',
  'christmas_newyear',
];

/** Default weight of one whole period of each kind. */
export const defaultSlotWeights: Readonly<SlotWeights> = Object.freeze({
  weeknight: 1,
  saturday_afternoon: 1,
  saturday_night: 1.5,
  sunday_holiday_day: 1.5,
  sunday_holiday_night: 2,
  christmas_newyear: 3,
});

/** Weights with the defaults filled in for kinds the territory did not set. */
export function withDefaultSlotWeights(partial?: Partial<SlotWeights> | null): SlotWeights {
  return { ...defaultSlotWeights, ...partial };
}

/** The slots of the year that rotate: who had one last year is asked last this year. */
export type HeavySlot = 'christmas' | 'new_year' | 'bastille_day' | 'assumption' | 'long_weekend';

export const heavySlots: readonly HeavySlot[] = [
  'christmas',
  'new_year',
  'bastille_day',
  'assumption',
  'long_weekend',
];

/** What the classifier needs of a territory's calendar. */
export interface SlotCalendar {
  timeZone: string;
  /** Public holidays and locally confirmed holidays (local dates). */
  holidays: ReadonlySet<string>;
  /** Confirmed ponts (local dates); absent: none. */
  ponts?: ReadonlySet<string>;
}

export interface SlotClass {
  /** The kind of the piece that weighs most (a shift mostly on a Sunday day is a Sunday day). */
  kind: SlotKind;
  /** The heavy slot of that piece's date, if any. */
  heavy: HeavySlot | null;
  /** Sum of the pieces' weights, each in proportion to its period. */
  weight: number;
  /** Weight per kind of the pieces. */
  weightByKind: Partial<SlotWeights>;
}

const festive: Record<string, HeavySlot> = {
  '12-24': 'christmas',
  '12-25': 'christmas',
  '12-31': 'new_year',
  '01-01': 'new_year',
};
const hour = 3600_000;

/** The kind of a period: the day (08–20) or the night (20–08) of a local date. */
export function periodKind(date: string, night: boolean, calendar: SlotCalendar): SlotKind {
  if (festive[date.slice(5)]) return 'christmas_newyear';
  const weekday = weekdayOf(date);
  if (weekday === 'sun' || calendar.holidays.has(date) || calendar.ponts?.has(date))
    return night ? 'sunday_holiday_night' : 'sunday_holiday_day';
  if (weekday === 'sat') return night ? 'saturday_night' : 'saturday_afternoon';
  return 'weeknight';
}

/**
 * The heavy slot of a local date: Christmas (24–25 December), New Year (31 December–1 January),
 * 14 July, 15 August, else a long weekend: three or more days off in a row (Saturdays, Sundays,
 * holidays, ponts, and the Monday before a Tuesday holiday or the Friday after a Thursday one,
 * which most take off even when the pont is not confirmed).
 */
export function heavySlotOf(date: string, calendar: SlotCalendar): HeavySlot | null {
  const md = date.slice(5);
  if (festive[md]) return festive[md];
  if (md === '07-14') return 'bastille_day';
  if (md === '08-15') return 'assumption';
  if (!offDay(date, calendar)) return null;
  let run = 1;
  for (let d = addDays(date, -1); offDay(d, calendar) && run < 3; d = addDays(d, -1)) run += 1;
  for (let d = addDays(date, 1); offDay(d, calendar) && run < 3; d = addDays(d, 1)) run += 1;
  return run >= 3 ? 'long_weekend' : null;
}

function offDay(date: string, calendar: SlotCalendar): boolean {
  const weekday = weekdayOf(date);
  if (weekday === 'sat' || weekday === 'sun') return true;
  if (calendar.holidays.has(date) || calendar.ponts?.has(date)) return true;
  if (weekday === 'mon') return calendar.holidays.has(addDays(date, 1));
  if (weekday === 'fri') return calendar.holidays.has(addDays(date, -1));
  return false;
}

/** Cuts [start, end) at local 08:00 and 20:00: pieces with their period's date and bounds. */
function pieces(startsAt: Date, endsAt: Date, zone: string) {
  const out: { date: string; night: boolean; ms: number; from: number; to: number }[] = [];
  let date = addDays(localDateOf(startsAt, zone), -1);
  let night = true;
  let from = wallClockToInstant(date, '20:00', zone).getTime();
  const [start, end] = [startsAt.getTime(), endsAt.getTime()];
  while (from < end) {
    const next: string = night ? addDays(date, 1) : date;
    const to = wallClockToInstant(next, night ? '08:00' : '20:00', zone).getTime();
    const ms = Math.min(to, end) - Math.max(from, start);
    if (ms > 0) out.push({ date, night, ms, from, to });
    [date, night, from] = [next, !night, to];
  }
  return out;
}

/**
 * Classifies a shift from its times and the calendar, and weighs it with `weights`: each piece
 * weighs its kind's weight times its share of the period (a Saturday afternoon is 12:00–20:00;
 * its morning counts at the same rate). An empty or reversed shift weighs nothing and takes the
 * kind of the period it starts in.
 */
export function classifySlot(
  startsAt: Date,
  endsAt: Date,
  calendar: SlotCalendar,
  weights: Readonly<SlotWeights> = defaultSlotWeights,
): SlotClass {
  const zone = calendar.timeZone;
  const parts = pieces(startsAt, new Date(Math.max(+endsAt, +startsAt + 1)), zone);
  const weightByKind: Partial<SlotWeights> = {};
  let weight = 0;
  let main: { kind: SlotKind; date: string; ms: number } | undefined;
  for (const p of parts) {
    const kind = periodKind(p.date, p.night, calendar);
    // A Saturday is weighed from 12:00: its afternoon is the period, a morning adds in proportion.
    const from =
      kind === 'saturday_afternoon' ? +wallClockToInstant(p.date, '12:00', zone) : p.from;
    const w = endsAt > startsAt ? (weights[kind] * p.ms) / Math.max(p.to - from, hour) : 0;
    weightByKind[kind] = (weightByKind[kind] ?? 0) + w;
    weight += w;
    if (!main || p.ms > main.ms || (p.ms === main.ms && weights[kind] > weights[main.kind]))
      main = { kind, date: p.date, ms: p.ms };
  }
  const { kind, date } = main!;
  return { kind, heavy: heavySlotOf(date, calendar), weight, weightByKind };
}

/** The coarse weight class stored on a shift (`shifts.kind`), from its slot kind. */
export function shiftKindOfSlot(kind: SlotKind): ShiftKind {
  switch (kind) {
    case 'saturday_afternoon':
    case 'saturday_night':
      return 'saturday';
    case 'sunday_holiday_day':
    case 'sunday_holiday_night':
      return 'sunday_holiday';
    default:
      return kind;
  }
}
