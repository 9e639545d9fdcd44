import { addDays } from './calendar/local-date.js';
import { csvConflicts } from './csv-conflicts.js';
import { csvDate, csvDelimiterOf, csvInstant, isCsvTime } from './csv-dialect.js';
import { csvHeader, csvHeaderEnglish } from './csv-export.js';
import { csvRecordSlices, type CsvRecord } from './csv-records.js';
import type { CsvError, CsvShift } from './csv-types.js';

/**
 * CSV import of shifts, the way coordinators already keep their rota in a spreadsheet.
 * Columns: `service,date,debut,fin,professionnel,niveau` (or the English
 * `service,date,start,end,professional,level`), found by name, plus an optional `date_fin`
 * (`end_date`) for shifts longer than a night. Comma or semicolon (one per file, read from the
 * header), dates as 2026-12-03 or 03/12/2026. Dates and times are local to the territory; without
 * an end date, a `fin` at or before `debut` is the next day. A time said twice on the October
 * night carries its offset (`02:30+02:00`), as the export writes it. The professional column is
 * resolved by the caller (`professionalOf`: the API matches the E.164 mobile, then the exact
 * name); empty means an open shift. All or nothing: one bad row and nothing is imported, and
 * every bad row is reported with its line number in the file (the header is line 1).
 */

export {
  csvHeader,
  csvHeaderEnglish,
  csvRowTimes,
  shiftsToCsv,
  type CsvRow,
} from './csv-export.js';
export { decodeCsvBytes } from './csv-dialect.js';

export type { CsvError, CsvShift } from './csv-types.js';

export interface CsvContext {
  timeZone: string;
  /** Resolves the service column (name or id), or null when unknown. */
  serviceOf(text: string): string | null;
  /** Resolves the professional column (mobile or exact name), or null when unknown. */
  professionalOf(text: string): string | null;
}

export type CsvResult = { ok: true; shifts: CsvShift[] } | { ok: false; errors: CsvError[] };

/** Rows an import takes at most: a season of a large territory, well within one request. */
export const maxCsvRows = 5_000;

/** The optional end-date column, French and English. */
const endDateNames = ['date_fin', 'end_date'];
// The export prefixes a cell a spreadsheet would run as a formula with an apostrophe: read it back.
const unescapeCell = (cell: string) => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);
const fileError = (field: string, message: string): CsvResult => ({
  ok: false,
  errors: [{ line: 1, field, message: `ligne 1 : ${message}` }],
});

/** Parses a shifts CSV; see the file header for the format. Never throws on bad input. */
export function parseShiftsCsv(text: string, ctx: CsvContext): CsvResult {
  const steps = parseSteps(text, ctx);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The same parse, `rowsPerStep` rows at a time, awaiting `pause()` between steps: a server gives
 * its event loop back (the patient line's webhooks) while a large file is read.
 */
export async function parseShiftsCsvInSteps(
  text: string,
  ctx: CsvContext,
  pause: () => Promise<void>,
  rowsPerStep = 100,
): Promise<CsvResult> {
  const steps = parseSteps(text, ctx, rowsPerStep);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await pause();
  }
}

/** The parse as a generator: it yields after each `rowsPerStep` rows; linear in the rows. */
function* parseSteps(text: string, ctx: CsvContext, rowsPerStep = 100): Generator<void, CsvResult> {
  // Refused before parsing: counting newlines is cheap, parsing 2 MB is not.
  let newlines = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) newlines += 1;
  if (newlines > maxCsvRows + 1 + Math.ceil(maxCsvRows / 10))
    return fileError('(taille)', `au plus ${maxCsvRows} lignes par import`);
  const records: CsvRecord[] = [];
  try {
    for (const slice of csvRecordSlices(
      text,
      rowsPerStep,
      csvDelimiterOf(text.replace(/^\uFEFF/, '')),
    )) {
      for (const record of slice) records.push(record);
      if (records.length > maxCsvRows + 1)
        return fileError('(taille)', `au plus ${maxCsvRows} lignes par import`);
      yield;
    }
  } catch (err) {
    return fileError('(fichier)', `CSV illisible (${(err as Error).message})`);
  }
  const [head, ...body] = records;
  const names = head?.record.map((h) => h.toLowerCase()) ?? [];
  // Found by name: the six historical columns in either language, in any order, plus date_fin.
  const columns = [csvHeader, csvHeaderEnglish].find((expected) =>
    expected.every((name) => names.includes(name)),
  );
  if (!columns) return fileError('(en-tête)', `en-tête attendu « ${csvHeader.join(';')} »`);
  const [, , startCol, endCol, proCol, levelCol] = columns;
  const at = columns.map((name) => names.indexOf(name));
  const endDateAt = names.findIndex((n) => endDateNames.includes(n));
  const endDateCol = endDateAt === -1 ? 'date_fin' : names[endDateAt]!;
  const errors: CsvError[] = [];
  const shifts: CsvShift[] = [];
  let done = 0;
  for (const { record, info } of body) {
    if (++done % rowsPerStep === 0) yield;
    const line = info.lines;
    const cells = record.map(unescapeCell);
    const [service, rawDate, start, end, professional, level] = at.map((i) => cells[i] ?? '') as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const rawEndDate = endDateAt === -1 ? '' : (cells[endDateAt] ?? '');
    const before = errors.length;
    const fail = (field: string, message: string) =>
      errors.push({ line, field, message: `ligne ${line} : ${message}` });
    const serviceId = ctx.serviceOf(service);
    if (!serviceId) fail('service', `service inconnu « ${service} »`);
    const professionalId = professional ? ctx.professionalOf(professional) : null;
    if (professional && !professionalId) fail(proCol, `professionnel inconnu « ${professional} »`);
    const lvl = Number(level || '1');
    if (!Number.isInteger(lvl) || lvl < 1 || lvl > 9)
      fail(levelCol, `niveau invalide « ${level} » (1 à 9)`);
    const date = csvDate(rawDate);
    if (!date) {
      fail('date', `date invalide « ${rawDate} » (AAAA-MM-JJ ou JJ/MM/AAAA attendu)`);
      continue;
    }
    const endDate = rawEndDate ? csvDate(rawEndDate) : null;
    if (rawEndDate && !endDate) {
      fail(endDateCol, `date de fin invalide « ${rawEndDate} » (AAAA-MM-JJ ou JJ/MM/AAAA attendu)`);
      continue;
    }
    const startOk = isCsvTime(start) && !start.startsWith('24:');
    if (!startOk) fail(startCol, `heure de début invalide « ${start} »`);
    if (!isCsvTime(end)) fail(endCol, `heure de fin invalide « ${end} »`);
    if (!startOk || !isCsvTime(end)) continue;
    const from = csvInstant(date, start, ctx.timeZone);
    if (!from.ok) fail(from.reason === 'invalid' ? 'date' : startCol, `début : ${from.message}`);
    // Without an end date, an end at or before the start is the next day (24:00 is, by itself).
    const nextDay = !end.startsWith('24:') && end.slice(0, 5) <= start.slice(0, 5);
    const to = csvInstant(endDate ?? (nextDay ? addDays(date, 1) : date), end, ctx.timeZone);
    if (!to.ok && to.reason !== 'invalid') fail(endCol, `fin : ${to.message}`);
    if (!to.ok && to.reason === 'invalid' && endDate) fail(endDateCol, `fin : ${to.message}`);
    if (from.ok && to.ok && to.instant <= from.instant)
      fail(endDateCol, 'la fin est avant le début');
    if (serviceId && from.ok && to.ok && errors.length === before) {
      shifts.push({
        line,
        serviceId,
        professionalId,
        level: lvl,
        startsAt: from.instant,
        endsAt: to.instant,
      });
    }
  }
  for (const error of csvConflicts(shifts, proCol, levelCol)) errors.push(error);
  return errors.length
    ? { ok: false, errors: errors.sort((a, b) => a.line - b.line) }
    : { ok: true, shifts };
}
