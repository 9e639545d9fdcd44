import Holidays from 'date-holidays';

/**
 * French public holidays (Code du travail L3133-1): 1 Jan, Easter Monday, 1 May, 8 May,
 * Ascension, Whit Monday, 14 Jul, 15 Aug, 1 Nov, 11 Nov, 25 Dec; Alsace-Moselle (57, 67, 68)
 * adds Good Friday and 26 Dec; each overseas département adds its abolition-of-slavery day (and
 * Guadeloupe and Martinique Good Friday). `date-holidays` computes them; its observances (Easter Sunday,
 * Whit Sunday, Mother's Day…) are not days off and are filtered out.
 */

export interface PublicHoliday {
  /** Local date, YYYY-MM-DD. */
  date: string;
  name: string;
}

/** Overseas départements, by date-holidays' FR subdivision codes (ISO 3166-2:FR). */
export const overseasDepartements = ['GP', 'MQ', 'GF', 'RE', 'YT'] as const;
export type OverseasDepartement = (typeof overseasDepartements)[number];

export interface HolidayOptions {
  /** Départements 57, 67, 68: Good Friday and 26 December are public holidays too. */
  alsaceMoselle?: boolean;
  /** An overseas département's own holidays; when set it wins over `alsaceMoselle`. */
  overseas?: OverseasDepartement | null;
}

const national = new Holidays('FR');
// Moselle (57) has the same local days as Bas-Rhin and Haut-Rhin: Good Friday and 26 December.
const alsaceMoselle = new Holidays('FR', '57');
const overseas = new Map(overseasDepartements.map((d) => [d, new Holidays('FR', d)] as const));
// Pure memo: a year's holidays never change, so caching does not make the function impure.
const cache = new Map<string, readonly PublicHoliday[]>();

/**
 * French public holidays of a year, sorted by date, one entry per date (when two fall on the
 * same day, e.g. Ascension on 1 May 2008, their names are joined).
 */
export function frenchPublicHolidays(
  year: number,
  options: HolidayOptions = {},
): readonly PublicHoliday[] {
  if (!Number.isInteger(year) || year < 1900 || year > 2200)
    throw new RangeError(`year out of range: ${year}`);
  const region = options.overseas ?? (options.alsaceMoselle ? 'am' : 'fr');
  const key = `${year}:${region}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const source = options.overseas
    ? overseas.get(options.overseas)!
    : options.alsaceMoselle
      ? alsaceMoselle
      : national;
  const byDate = new Map<string, string>();
  for (const h of source.getHolidays(year)) {
    if (h.type !== 'public') continue;
    const date = h.date.slice(0, 10);
    const other = byDate.get(date);
    byDate.set(date, other ? `${other} / ${h.name}` : h.name);
  }
  const holidays = Object.freeze(
    [...byDate]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([date, name]) => Object.freeze({ date, name })),
  );
  cache.set(key, holidays);
  return holidays;
}

/** Is this local date (YYYY-MM-DD) a French public holiday? */
export function isPublicHoliday(localDate: string, options: HolidayOptions = {}): boolean {
  const year = Number(localDate.slice(0, 4));
  return frenchPublicHolidays(year, options).some((h) => h.date === localDate);
}

/** The set of holiday dates of the years [fromYear, toYear], for fast membership tests. */
export function holidaySet(
  fromYear: number,
  toYear: number,
  options: HolidayOptions = {},
): Set<string> {
  const days = new Set<string>();
  for (let year = fromYear; year <= toYear; year += 1) {
    for (const h of frenchPublicHolidays(year, options)) days.add(h.date);
  }
  return days;
}
