import { addDays, datesBetween, weekdayOf, type Weekday } from './calendar/local-date.js';
import type { PdsaCalendar } from './calendar/pdsa.js';
import { wallClockToInstant } from './local-time.js';
import { isChristmasNewYear } from './shift-kind.js';
import type { ShiftKind } from './types.js';

/**
 * Shift templates: a service's grid of slots in local wall-clock time, expanded into concrete
 * open slots (UTC instants) over a range of local dates.
 *
 * Which slots apply on a date (precedence, strongest first):
 * 1. a public holiday takes the slots listing 'holiday';
 * 2. a confirmed pont takes the slots listing 'pont' or, when the template has none, those
 *    listing 'holiday' (a confirmed pont is PDSA time and must be staffed);
 * 3. the weekday's slots apply too, unless one of the slots chosen in 1–2 overlaps them in
 *    wall-clock time: so a holiday Saturday drops "samedi 12–20" for "jour 08–20" but keeps
 *    its night even when the night slot forgot to list 'holiday'.
 */

/** A day tag of a template slot. */
export type SlotDay = Weekday | 'holiday' | 'pont';

/** One slot of a service's grid, in local wall-clock time. end <= start means the next day. */
export interface TemplateSlot {
  /** Unique within the template; part of the stable slot key. */
  name: string;
  days: SlotDay[];
  /** HH:MM local. */
  start: string;
  /** HH:MM local, or 24:00; at or before `start` means the next day. */
  end: string;
  /** Escalation levels required for the slot (1 = primary only). */
  levels: number;
  kind: ShiftKind;
}

/** A service's template. */
export interface ShiftTemplate {
  serviceId: string;
  slots: TemplateSlot[];
}

/** A concrete slot to fill: what the template asks for on one day at one level. */
export interface OpenSlot {
  /** Stable across re-expansions: `${serviceId}|${localDate}|${slotName}|${level}`. */
  key: string;
  serviceId: string;
  localDate: string;
  startsAt: Date;
  endsAt: Date;
  level: number;
  kind: ShiftKind;
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** A slot's wall-clock span on its own day, in minutes from that midnight (may pass 1440). */
export function slotSpan(slot: Pick<TemplateSlot, 'start' | 'end'>): { from: number; to: number } {
  const from = minutesOf(slot.start);
  const end = minutesOf(slot.end);
  return { from, to: end <= from ? end + 1440 : end };
}

const overlaps = (a: TemplateSlot, b: TemplateSlot) => {
  const [x, y] = [slotSpan(a), slotSpan(b)];
  return x.from < y.to && y.from < x.to;
};

/** The slots of `slots` that apply on `date`, in template order (see the precedence above). */
export function slotsForDate(
  slots: TemplateSlot[],
  date: string,
  calendar: Pick<PdsaCalendar, 'holidays' | 'ponts'>,
): TemplateSlot[] {
  let special: TemplateSlot[] = [];
  if (calendar.holidays.has(date)) special = slots.filter((s) => s.days.includes('holiday'));
  else if (calendar.ponts.has(date)) {
    const pont = slots.filter((s) => s.days.includes('pont'));
    special = pont.length > 0 ? pont : slots.filter((s) => s.days.includes('holiday'));
  }
  const weekday = weekdayOf(date);
  return slots.filter(
    (s) =>
      special.includes(s) || (s.days.includes(weekday) && !special.some((x) => overlaps(x, s))),
  );
}

/**
 * Expands a template over local dates [from, to] (inclusive) into open slots, one per required
 * level. Each wall-clock bound is placed in the zone on its own day, so a 20:00 → 08:00 night
 * lasts 11 h into the last Sunday of March and 13 h into the last Sunday of October. Slots on
 * 24–25 December and 31 December–1 January are of kind `christmas_newyear`.
 */
export function expandTemplate(
  serviceId: string,
  slots: TemplateSlot[],
  from: string,
  to: string,
  calendar: PdsaCalendar,
): OpenSlot[] {
  const out: OpenSlot[] = [];
  for (const date of datesBetween(from, to)) {
    for (const slot of slotsForDate(slots, date, calendar)) {
      const startsAt = wallClockToInstant(date, slot.start, calendar.timeZone);
      const span = slotSpan(slot);
      const endsAt =
        span.to >= 1440
          ? wallClockToInstant(addDays(date, 1), minutesToHhmm(span.to - 1440), calendar.timeZone)
          : wallClockToInstant(date, slot.end, calendar.timeZone);
      const kind: ShiftKind = isChristmasNewYear(date) ? 'christmas_newyear' : slot.kind;
      for (let level = 1; level <= slot.levels; level += 1) {
        out.push({
          key: `${serviceId}|${date}|${slot.name}|${level}`,
          serviceId,
          localDate: date,
          startsAt,
          endsAt,
          level,
          kind,
        });
      }
    }
  }
  return out;
}

/** Same as `expandTemplate`, taking the template as one object. */
export function expandShiftTemplate(
  template: ShiftTemplate,
  range: { from: string; to: string },
  calendar: PdsaCalendar,
): OpenSlot[] {
  return expandTemplate(template.serviceId, template.slots, range.from, range.to, calendar);
}

function minutesToHhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
