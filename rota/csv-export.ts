import { stringify } from 'csv-stringify/sync';
import { localDateOf, localHourMinute } from './calendar/local-date.js';
import { offsetText } from './csv-dialect.js';
import { localToInstant, offsetMinutes } from './local-time.js';

/**
 * CSV export of shifts, in exactly the layout `parseShiftsCsv` reads, so a coordinator can
 * export, edit in a spreadsheet and import back. Written as French Excel reads it: `;` and a
 * UTF-8 BOM (without it Excel reads the accents as Windows-1252).
 */

/** The French header, written on export and read on import. */
export const csvHeader = ['service', 'date', 'debut', 'fin', 'professionnel', 'niveau'] as const;
/** The English header, also accepted on import. */
export const csvHeaderEnglish = [
  'service',
  'date',
  'start',
  'end',
  'professional',
  'level',
] as const;

/** One exported row: local date and HH:MM times in the territory's zone. */
export interface CsvRow {
  service: string;
  date: string;
  start: string;
  end: string;
  /** E.164 mobile (unambiguous, unlike names) or empty for an open shift. */
  professional: string;
  level: number;
  /** Local end date; written in the `date_fin` column (empty: the end is within a night). */
  endDate?: string;
}

/** The columns written on export: the historical six, then the end date (older readers stop at six). */
export const csvExportHeader = [...csvHeader, 'date_fin'] as const;

/**
 * The local date and times of a shift as the import reads them back to the same instants: the
 * end date always, and a time said twice on the October night with its UTC offset.
 */
export function csvRowTimes(
  startsAt: Date,
  endsAt: Date,
  timeZone: string,
): Pick<CsvRow, 'date' | 'start' | 'end' | 'endDate'> {
  const wall = (d: Date) => {
    const date = localDateOf(d, timeZone);
    const m = localHourMinute(d, timeZone);
    const hm = `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    const twice = localToInstant(date, hm, timeZone);
    const time =
      !twice.ok && twice.reason === 'ambiguous'
        ? `${hm}${offsetText(offsetMinutes(d.getTime(), timeZone))}`
        : hm;
    return { date, time };
  };
  const from = wall(startsAt);
  const to = wall(endsAt);
  return { date: from.date, start: from.time, end: to.time, endDate: to.date };
}

/**
 * Writes shifts in the import layout. Cells that a spreadsheet would run as a formula (OWASP:
 * starting with =, +, -, @, a tab or a carriage return) are prefixed with an apostrophe,
 * "+33…" mobiles included; the import drops that apostrophe, so the file still reads back.
 */
export function shiftsToCsv(rows: CsvRow[]): string {
  const safe = (cell: string) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell);
  return stringify(
    [
      [...csvExportHeader],
      ...rows.map((r) => [
        safe(r.service),
        r.date,
        r.start,
        r.end,
        safe(r.professional),
        String(r.level),
        r.endDate ?? '',
      ]),
    ],
    { delimiter: ';', bom: true },
  );
}
