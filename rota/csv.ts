import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { addDays } from './calendar/local-date.js';
import { localToInstant } from './local-time.js';

export interface CsvShift {
  line: number;
  serviceId: string;
  professionalId: string | null;
  level: number;
  startsAt: Date;
  endsAt: Date;
}

export interface CsvError {
  line: number;
  field: string;
  message: string;
}

export interface CsvContext {
  timeZone: string;
  /** Resolves the service column (name), or null when unknown. */
  serviceOf(text: string): string | null;
  /** Resolves the professional column (mobile or exact name); empty means an open shift. */
  professionalOf(text: string): string | null;
}

export const csvHeader = ['service', 'date', 'debut', 'fin', 'professionnel', 'niveau'] as const;

/**
 * Reads shifts from a spreadsheet export: `service,date,debut,fin,professionnel,niveau`, local
 * dates and times (a `fin` at or before `debut` is the next day). Reports every bad row with its
 * line number (the header is line 1) and returns nothing at all if any row is bad.
 */
export function parseShiftsCsv(text: string, ctx: CsvContext): { ok: true; shifts: CsvShift[] } | { ok: false; errors: CsvError[] } {
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, skip_empty_lines: true, trim: true, relax_column_count: true, delimiter: [',', ';'] }) as string[][];
  } catch (err) {
    return { ok: false, errors: [{ line: 1, field: '(fichier)', message: `CSV illisible : ${(err as Error).message}` }] };
  }
  const [header, ...body] = rows;
  if (!header || csvHeader.some((name, i) => header[i]?.toLowerCase() !== name)) {
    return { ok: false, errors: [{ line: 1, field: '(en-tête)', message: `en-tête attendu : ${csvHeader.join(',')}` }] };
  }
  const errors: CsvError[] = [];
  const shifts: CsvShift[] = [];
  body.forEach((cells, index) => {
    const line = index + 2;
    const [service = '', date = '', start = '', end = '', professional = '', level = '1'] = cells;
    const fail = (field: string, message: string) => errors.push({ line, field, message: `ligne ${line} : ${message}` });
    const serviceId = ctx.serviceOf(service);
    if (!serviceId) fail('service', `service inconnu « ${service} »`);
    const professionalId = professional ? ctx.professionalOf(professional) : null;
    if (professional && !professionalId) fail('professionnel', `professionnel inconnu « ${professional} »`);
    const lvl = Number(level);
    if (!Number.isInteger(lvl) || lvl < 1 || lvl > 9) fail('niveau', `niveau invalide « ${level} » (1 à 9)`);
    const from = localToInstant(date, start, ctx.timeZone);
    if (!from.ok) fail('debut', from.message);
    const to = localToInstant(end <= start ? addDays(date, 1) : date, end, ctx.timeZone);
    if (/^\d{4}-\d{2}-\d{2}$/.test(date) && !to.ok) fail('fin', to.message);
    if (serviceId && from.ok && to.ok && Number.isInteger(lvl)) shifts.push({ line, serviceId, professionalId, level: lvl, startsAt: from.instant, endsAt: to.instant });
  });
  const byPerson = new Map<string, CsvShift[]>();
  for (const s of shifts) if (s.professionalId) byPerson.set(s.professionalId, [...(byPerson.get(s.professionalId) ?? []), s]);
  for (const list of byPerson.values()) {
    list.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    for (let i = 1; i < list.length; i += 1) {
      if (list[i]!.startsAt < list[i - 1]!.endsAt) errors.push({ line: list[i]!.line, field: 'professionnel', message: `ligne ${list[i]!.line} : chevauche la garde de la ligne ${list[i - 1]!.line}` });
    }
  }
  return errors.length ? { ok: false, errors: errors.sort((a, b) => a.line - b.line) } : { ok: true, shifts };
}

/** Writes shifts in the same layout, so an export can be edited and imported back. */
export function shiftsToCsv(rows: { service: string; date: string; start: string; end: string; professional: string; level: number }[]): string {
  return stringify([[...csvHeader], ...rows.map((r) => [r.service, r.date, r.start, r.end, r.professional, String(r.level)])]);
}
