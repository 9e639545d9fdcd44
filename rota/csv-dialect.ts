import { addDays } from './calendar/local-date.js';
import { localToInstant, offsetMinutes, type LocalTimeResult } from './local-time.js';

/**
 * What varies between the CSV files offices write: bytes (UTF-8 or Windows-1252, as French Excel
 * saves "CSV (séparateur : point-virgule)"), separator and date format. Pure helpers for the parser.
 */

/**
 * The text of an uploaded file. A declared charset wins (when this runtime knows it); otherwise
 * valid UTF-8 is UTF-8 and anything else is read as Windows-1252, which is what a French Excel
 * wrote. A UTF-8 BOM is dropped either way.
 */
export function decodeCsvBytes(bytes: Uint8Array, declaredCharset?: string): string {
  if (declaredCharset) {
    try {
      return new TextDecoder(declaredCharset, { ignoreBOM: false }).decode(bytes);
    } catch {
      // An unknown label: detect as if none had been declared.
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Node 20's decoder reads 0x80–0x9F as Latin-1 control characters: € œ Œ … ’ are those bytes.
    return new TextDecoder('windows-1252')
      .decode(bytes)
      .replace(/[\u0080-\u009f]/g, (c) => cp1252High[c.charCodeAt(0) - 0x80] || c);
  }
}

/** Windows-1252 0x80–0x9F (empty where the code page has no character). */
const cp1252High = [...'€\0‚ƒ„…†‡ˆ‰Š‹Œ\0Ž\0\0‘’“”•–—˜™š›œ\0žŸ'].map((c) => (c === '\0' ? '' : c));

/** The separator of a file, read from its header line: `;` when it has more of them than `,`. */
export function csvDelimiterOf(text: string): ',' | ';' {
  const end = text.indexOf('\n');
  const head = end === -1 ? text : text.slice(0, end);
  const count = (c: string) => head.split(c).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

/** `2026-12-03` or `03/12/2026` (also `3/12/2026`) as `2026-12-03`; null otherwise. */
export function csvDate(cell: string): string | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(cell)) return cell;
  const fr = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(cell);
  return fr ? `${fr[3]}-${fr[2]!.padStart(2, '0')}-${fr[1]!.padStart(2, '0')}` : null;
}

const timeCellRe = /^(([01]\d|2[0-3]):[0-5]\d|24:00)(?: ?([+-])(\d{2}):(\d{2}))?$/;

/** True when a cell is a time the import reads: `HH:MM`, `24:00`, or `HH:MM+02:00`. */
export const isCsvTime = (cell: string) => timeCellRe.test(cell);

/**
 * The instant of a local date and a time cell. A time said twice on the October night carries
 * its UTC offset (`02:30+02:00` the first, summer one; `02:30+01:00` the second), as the export
 * writes it; without one it is refused as ambiguous, as before.
 */
export function csvInstant(date: string, cell: string, timeZone: string): LocalTimeResult {
  const m = timeCellRe.exec(cell);
  if (!m) return { ok: false, reason: 'invalid', message: `heure invalide « ${cell} »` };
  // 24:00 is midnight at the end of the day.
  const time = m[1] === '24:00' ? '00:00' : m[1]!;
  if (m[1] === '24:00') date = addDays(date, 1);
  if (!m[3]) return localToInstant(date, time, timeZone);
  const offset = (m[3] === '-' ? -1 : 1) * (Number(m[4]) * 60 + Number(m[5]));
  for (const choice of ['earlier', 'later'] as const) {
    const r = localToInstant(date, time, timeZone, choice);
    if (!r.ok) return r;
    if (offsetMinutes(r.instant.getTime(), timeZone) === offset) return r;
  }
  return {
    ok: false,
    reason: 'invalid',
    message: `${time} n'est pas à UTC${m[3]}${m[4]}:${m[5]} le ${date}`,
  };
}

/** `+02:00` for 120 minutes. */
export function offsetText(minutes: number): string {
  const abs = Math.abs(minutes);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${minutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
