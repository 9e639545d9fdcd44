import { frenchPublicHolidays, type HolidayOptions } from './holidays.js';
import { addDays, weekdayOf } from './local-date.js';

/**
 * Ponts: R6315-1 lets the region open "the Monday before and the Friday and Saturday after a
 * public holiday" to PDSA hours. The text is ambiguous, so the engine only proposes dates; a
 * manager confirms them and the confirmed ones travel as calendar data (`PdsaCalendar.ponts`).
 */

export interface PontProposal {
  /** Local date, YYYY-MM-DD. */
  date: string;
  /** Why it is proposed, in French for the manager ("vendredi après Ascension"). */
  reason: string;
}

/**
 * Proposed ponts around the holidays of `year`: the Monday before a Tuesday holiday, the Friday
 * and Saturday after a Thursday holiday, the Saturday after a Friday holiday (R6315-1's
 * "Saturday after": without it 2 May 2026, 26 December 2026 and 2 January 2027 were never offered). Sorted by date, no duplicates, never a day that is
 * itself a holiday (Alsace-Moselle's 26 December after a Thursday Christmas, say). A proposal
 * can fall in the neighbouring year (Monday 31 Dec 2029 before Tuesday 1 Jan 2030).
 */
export function proposedPonts(year: number, options: HolidayOptions = {}): PontProposal[] {
  const holidays = new Set(
    [year - 1, year, year + 1].flatMap((y) => frenchPublicHolidays(y, options).map((h) => h.date)),
  );
  const byDate = new Map<string, string>();
  const propose = (date: string, reason: string) => {
    if (!holidays.has(date) && !byDate.has(date)) byDate.set(date, reason);
  };
  for (const holiday of frenchPublicHolidays(year, options)) {
    const weekday = weekdayOf(holiday.date);
    if (weekday === 'tue') propose(addDays(holiday.date, -1), `lundi avant ${holiday.name}`);
    if (weekday === 'thu') {
      propose(addDays(holiday.date, 1), `vendredi après ${holiday.name}`);
      propose(addDays(holiday.date, 2), `samedi après ${holiday.name}`);
    }
    if (weekday === 'fri') propose(addDays(holiday.date, 1), `samedi après ${holiday.name}`);
  }
  return [...byDate]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, reason]) => ({ date, reason }));
}
