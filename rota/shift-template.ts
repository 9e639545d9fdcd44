import { addDays, datesBetween, weekdayOf, type Weekday } from './calendar/local-date.js';
import type { PdsaCalendar } from './calendar/pdsa.js';
import { wallClockToInstant } from './local-time.js';
import type { ShiftKind } from './types.js';

/** One slot of a service's grid, in local wall-clock time. end <= start means the next day. */
export interface TemplateSlot {
  name: string;
  days: (Weekday | 'holiday' | 'pont')[];
  start: string;
  end: string;
  /** Escalation levels required for the slot (1 = primary only). */
  levels: number;
  kind: ShiftKind;
}

/** A concrete slot to fill: what the template asks for on one day at one level. */
export interface OpenSlot {
  /** Stable across re-expansions: service, local date, slot name, level. */
  key: string;
  serviceId: string;
  localDate: string;
  startsAt: Date;
  endsAt: Date;
  level: number;
  kind: ShiftKind;
}

const festive = new Set(['12-24', '12-25', '12-31', '01-01']);

/**
 * Expands a template over local dates [from, to]. On a holiday (or pont) only the slots that
 * list 'holiday' (or 'pont') apply, so a holiday Monday gets the Sunday grid; otherwise the
 * slots listing that weekday. DST is handled by placing each wall-clock time in the zone.
 */
export function expandTemplate(serviceId: string, slots: TemplateSlot[], from: string, to: string, calendar: PdsaCalendar): OpenSlot[] {
  const out: OpenSlot[] = [];
  for (const date of datesBetween(from, to)) {
    const tag = calendar.holidays.has(date) ? 'holiday' : calendar.ponts.has(date) ? 'pont' : weekdayOf(date);
    for (const slot of slots) {
      if (!slot.days.includes(tag)) continue;
      const startsAt = wallClockToInstant(date, slot.start, calendar.timeZone);
      const endDate = slot.end <= slot.start ? addDays(date, 1) : date;
      const endsAt = wallClockToInstant(endDate, slot.end === '24:00' ? '00:00' : slot.end, calendar.timeZone);
      const kind: ShiftKind = festive.has(date.slice(5)) ? 'christmas_newyear' : slot.kind;
      for (let level = 1; level <= slot.levels; level += 1) {
        out.push({ key: `${serviceId}|${date}|${slot.name}|${level}`, serviceId, localDate: date, startsAt, endsAt, level, kind });
      }
    }
  }
  return out;
}
