import Holidays from 'date-holidays';

export interface PublicHoliday {
  /** Local date, YYYY-MM-DD. */
  date: string;
  name: string;
}

const national = new Holidays('FR');
// Moselle (57) has the same local days as Bas-Rhin and Haut-Rhin: Good Friday and 26 December.
const alsaceMoselle = new Holidays('FR', '57');
const cache = new Map<string, PublicHoliday[]>();

/**
 * French public holidays of a year (Code du travail L3133-1), observances left out.
 * Alsace-Moselle adds Good Friday and 26 December.
 */
export function frenchPublicHolidays(year: number, options: { alsaceMoselle?: boolean } = {}): PublicHoliday[] {
  const key = `${year}:${options.alsaceMoselle ? 'am' : 'fr'}`;
  let holidays = cache.get(key);
  if (!holidays) {
    const source = options.alsaceMoselle ? alsaceMoselle : national;
    holidays = source
      .getHolidays(year)
      .filter((h) => h.type === 'public')
      .map((h) => ({ date: h.date.slice(0, 10), name: h.name }));
    cache.set(key, holidays);
  }
  return holidays;
}

/** The set of holiday dates touching [fromYear, toYear], for fast membership tests. */
export function holidaySet(fromYear: number, toYear: number, options: { alsaceMoselle?: boolean } = {}): Set<string> {
  const days = new Set<string>();
  for (let year = fromYear; year <= toYear; year += 1) {
    for (const h of frenchPublicHolidays(year, options)) days.add(h.date);
  }
  return days;
}
