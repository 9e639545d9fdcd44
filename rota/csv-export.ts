import { stringify } from 'csv-stringify/sync';

/**
 * CSV export of shifts, in exactly the layout `parseShiftsCsv` reads, so a coordinator can
 * export, edit in a spreadsheet and import back.
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
}

/**
 * Writes shifts in the import layout. Cells that a spreadsheet would run as a formula (OWASP:
 * starting with =, +, -, @, a tab or a carriage return) are prefixed with an apostrophe,
 * "+33…" mobiles included; the import drops that apostrophe, so the file still reads back.
 */
export function shiftsToCsv(rows: CsvRow[]): string {
  const safe = (cell: string) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell);
  return stringify([
    [...csvHeader],
    ...rows.map((r) => [
      safe(r.service),
      r.date,
      r.start,
      r.end,
      safe(r.professional),
      String(r.level),
    ]),
  ]);
}
