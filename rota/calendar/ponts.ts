import { frenchPublicHolidays } from './holidays.js';
import { addDays, weekdayOf } from './local-date.js';

export interface PontProposal {
  date: string;
  reason: string;
}

/**
 * Ponts the region may open to PDSA (R6315-1 leaves the choice): the Monday before a Tuesday
 * holiday, the Friday and Saturday after a Thursday holiday. Proposals only: a manager confirms
 * them as calendar data.
 */
export function proposedPonts(year: number, options: { alsaceMoselle?: boolean } = {}): PontProposal[] {
  const out: PontProposal[] = [];
  for (const holiday of frenchPublicHolidays(year, options)) {
    const weekday = weekdayOf(holiday.date);
    if (weekday === 'tue') out.push({ date: addDays(holiday.date, -1), reason: `lundi avant ${holiday.name}` });
    if (weekday === 'thu') {
      out.push({ date: addDays(holiday.date, 1), reason: `vendredi après ${holiday.name}` });
      out.push({ date: addDays(holiday.date, 2), reason: `samedi après ${holiday.name}` });
    }
  }
  return out;
}
