import { parse } from 'csv-parse/sync';
import { addDays } from './calendar/local-date.js';
import { csvHeader, csvHeaderEnglish } from './csv-export.js';
import { localToInstant } from './local-time.js';
import { findOverlaps } from './overlap.js';
import type { Shift } from './types.js';

/**
 * CSV import of shifts, the way coordinators already keep their rota in a spreadsheet.
 * Columns: `service,date,debut,fin,professionnel,niveau` (or the English
 * `service,date,start,end,professional,level`), comma or semicolon. Dates and times are local
 * to the territory; a `fin` at or before `debut` is the next day. The professional column is
 * resolved by the caller (`professionalOf`: the API matches the E.164 mobile, then the exact
 * name); empty means an open shift. All or nothing: one bad row and nothing is imported, and
 * every bad row is reported with its line number in the file (the header is line 1).
 */

export { csvHeader, csvHeaderEnglish, shiftsToCsv, type CsvRow } from './csv-export.js';

export interface CsvShift {
  /** Line of the file the row ends on (the header is line 1). */
  line: number;
  serviceId: string;
  professionalId: string | null;
  level: number;
  startsAt: Date;
  endsAt: Date;
}

export interface CsvError {
  line: number;
  /** The column as named in the file's header, or '(fichier)' / '(en-tête)'. */
  field: string;
  /** French, starting with "ligne N : ". */
  message: string;
}

export interface CsvContext {
  timeZone: string;
  /** Resolves the service column (name or id), or null when unknown. */
  serviceOf(text: string): string | null;
  /** Resolves the professional column (mobile or exact name), or null when unknown. */
  professionalOf(text: string): string | null;
}

export type CsvResult = { ok: true; shifts: CsvShift[] } | { ok: false; errors: CsvError[] };

const dateRe = /^\d{4}-\d{2}-\d{2}$/;
const timeRe = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Parses a shifts CSV; see the file header for the format. Never throws on bad input. */
export function parseShiftsCsv(text: string, ctx: CsvContext): CsvResult {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
      delimiter: [',', ';'],
      info: true,
    }) as unknown as typeof records;
  } catch (err) {
    return {
      ok: false,
      errors: [
        {
          line: 1,
          field: '(fichier)',
          message: `ligne 1 : CSV illisible (${(err as Error).message})`,
        },
      ],
    };
  }
  const [head, ...body] = records;
  const names = head?.record.map((h) => h.toLowerCase());
  const columns = [csvHeader, csvHeaderEnglish].find((expected) =>
    expected.every((name, i) => names?.[i] === name),
  );
  if (!columns) {
    return {
      ok: false,
      errors: [
        {
          line: 1,
          field: '(en-tête)',
          message: `ligne 1 : en-tête attendu « ${csvHeader.join(',')} »`,
        },
      ],
    };
  }
  const [, , startCol, endCol, proCol, levelCol] = columns;
  const errors: CsvError[] = [];
  const shifts: CsvShift[] = [];
  for (const { record, info } of body) {
    const line = info.lines;
    const [service = '', date = '', start = '', end = '', professional = '', level = '1'] = record;
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
    if (!dateRe.test(date)) {
      fail('date', `date invalide « ${date} » (AAAA-MM-JJ attendu)`);
      continue;
    }
    if (!timeRe.test(start)) fail(startCol, `heure de début invalide « ${start} »`);
    if (!timeRe.test(end) && end !== '24:00') fail(endCol, `heure de fin invalide « ${end} »`);
    if (!timeRe.test(start) || !(timeRe.test(end) || end === '24:00')) continue;
    const from = localToInstant(date, start, ctx.timeZone);
    if (!from.ok) fail(from.reason === 'invalid' ? 'date' : startCol, `début : ${from.message}`);
    const nextDay = end === '24:00' || end <= start;
    const to = localToInstant(
      nextDay ? addDays(date, 1) : date,
      end === '24:00' ? '00:00' : end,
      ctx.timeZone,
    );
    if (!to.ok && to.reason !== 'invalid') fail(endCol, `fin : ${to.message}`);
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
  errors.push(...conflicts(shifts, proCol, levelCol));
  return errors.length
    ? { ok: false, errors: errors.sort((a, b) => a.line - b.line) }
    : { ok: true, shifts };
}

/**
 * Conflicts inside the file: one professional on two overlapping shifts, or two shifts of
 * one service at the same level overlapping (two primaries at once). Reported on the later row.
 */
function conflicts(shifts: CsvShift[], proCol: string, levelCol: string): CsvError[] {
  // Ids are zero-padded line numbers so that findOverlaps' id tie-break follows the file order.
  const asShift = (s: CsvShift): Shift => ({
    id: String(s.line).padStart(9, '0'),
    serviceId: s.serviceId,
    professionalId: s.professionalId,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    level: s.level,
  });
  const groups = (key: (s: CsvShift) => string | null) => {
    const out = new Map<string, Shift[]>();
    for (const s of shifts) {
      const k = key(s);
      if (k !== null) out.set(k, [...(out.get(k) ?? []), asShift(s)]);
    }
    return [...out.values()];
  };
  const errors: CsvError[] = [];
  const reported = new Set<string>();
  for (const list of groups((s) => s.professionalId)) {
    for (const o of findOverlaps(list)) {
      reported.add(`${o.first.id}|${o.second.id}`);
      errors.push({
        line: Number(o.second.id),
        field: proCol,
        message: `ligne ${Number(o.second.id)} : chevauche la garde de la ligne ${Number(o.first.id)}`,
      });
    }
  }
  for (const list of groups((s) => `${s.serviceId}|${s.level}`)) {
    for (const o of findOverlaps(list)) {
      if (reported.has(`${o.first.id}|${o.second.id}`)) continue;
      errors.push({
        line: Number(o.second.id),
        field: levelCol,
        message: `ligne ${Number(o.second.id)} : deux gardes au niveau ${o.second.level} en même temps (voir la ligne ${Number(o.first.id)})`,
      });
    }
  }
  return errors;
}
