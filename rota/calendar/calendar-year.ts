import { holidaySet, type HolidayOptions } from './holidays.js';
import { proposedPonts } from './ponts.js';
import type { ConfirmedDay } from './territory-calendar.js';

export interface CalendarPont {
  /** Local date, YYYY-MM-DD. */
  date: string;
  /** Why it is proposed, in French; null for a pont a manager confirmed outside the proposals. */
  reason: string | null;
  /** A proposal a manager declined is `refused`; a confirmation wins over a refusal. */
  status: 'proposed' | 'confirmed' | 'refused';
}

export interface CalendarYear {
  year: number;
  /** Legal holidays of the territory's region plus the extra holidays its managers confirmed. */
  holidays: string[];
  /** The engine's proposals and every confirmed pont of the year, by date. */
  ponts: CalendarPont[];
}

/**
 * What a manager sees of a year: a proposed pont that was confirmed shows as confirmed (before,
 * the calendar said "proposed" whatever the manager had decided), and a pont confirmed on a day
 * the engine does not propose is listed too, so nothing confirmed is invisible; a proposal the
 * managers declined (`refused`, local dates) shows as refused.
 */
export function calendarYear(
  year: number,
  options: HolidayOptions,
  confirmed: readonly ConfirmedDay[],
  refused: readonly string[] = [],
): CalendarYear {
  const inYear = confirmed.filter((d) => d.day.startsWith(`${year}-`));
  const holidays = holidaySet(year, year, options);
  for (const d of inYear) if (d.kind === 'holiday') holidays.add(d.day);
  const confirmedPonts = new Set(inYear.filter((d) => d.kind === 'pont').map((d) => d.day));
  const byDate = new Map<string, CalendarPont>();
  for (const p of proposedPonts(year, options)) {
    const status = confirmedPonts.has(p.date)
      ? 'confirmed'
      : refused.includes(p.date)
        ? 'refused'
        : 'proposed';
    byDate.set(p.date, { date: p.date, reason: p.reason, status });
  }
  for (const day of confirmedPonts)
    if (!byDate.has(day)) byDate.set(day, { date: day, reason: null, status: 'confirmed' });
  return {
    year,
    holidays: [...holidays].sort(),
    ponts: [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date)),
  };
}
