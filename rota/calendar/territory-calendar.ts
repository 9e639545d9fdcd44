import { holidaySet, type OverseasDepartement } from './holidays.js';
import type { PdsaCalendar, ServiceHours } from './pdsa.js';

/** A day a rota manager confirmed for the territory: a pont, or a local extra holiday. */
export interface ConfirmedDay {
  day: string;
  kind: 'pont' | 'holiday';
}

export interface TerritoryCalendarSettings {
  timeZone: string;
  alsaceMoselle: boolean;
  /** An overseas département's own holidays (absent in settings saved before it existed). */
  overseas?: OverseasDepartement | null;
  saturdayAfternoon: boolean;
}

/**
 * The PDSA calendar of a territory over whole years: the legal holidays (Alsace-Moselle's two
 * more where it applies) plus the days its managers confirmed. Every reader of the rota (voice
 * line, gaps, auto-fill, gap alert, calendar page) builds it here, so a confirmed pont counts
 * the same everywhere. With a service's `hours`, periods and "is it PDSA time" follow that
 * service's own hours (gaps, gap alert, the line), holidays and ponts staying the territory's.
 */
export function territoryCalendar(
  settings: TerritoryCalendarSettings,
  confirmed: readonly ConfirmedDay[],
  fromYear: number,
  toYear: number,
  hours?: ServiceHours,
): PdsaCalendar {
  const holidays = holidaySet(fromYear, toYear, {
    alsaceMoselle: settings.alsaceMoselle,
    overseas: settings.overseas,
  });
  for (const d of confirmed) if (d.kind === 'holiday') holidays.add(d.day);
  return {
    timeZone: settings.timeZone,
    holidays,
    ponts: new Set(confirmed.filter((d) => d.kind === 'pont').map((d) => d.day)),
    saturdayAfternoon: settings.saturdayAfternoon,
    ...(hours ? { hours } : {}),
  };
}
