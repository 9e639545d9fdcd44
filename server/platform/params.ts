import { z } from 'zod';

/**
 * The shared shapes of dates, ranges and ids in URLs and bodies: one set of rules for every
 * route, so that an impossible date (2026-02-30), a far one (year 275760, -1) or a non-uuid id is
 * a 400 at the edge, never a 500 deep in the calendar code, Intl or PostgreSQL.
 */

/** Years the rota, its calendars (holidays, PDSA periods) and the call log compute on. */
export const minYear = 2000;
export const maxYear = 2100;

const inYears = (d: Date) => d.getUTCFullYear() >= minYear && d.getUTCFullYear() <= maxYear;
const outOfYears = `date hors limites (${minYear}–${maxYear}). Date out of range.`;

/** An id in a URL or a body: a malformed one is a 400 (an unknown one is the route's 404). */
export const uuidParam = z.string().uuid('identifiant invalide. Invalid id.');

/** Is `text` (AAAA-MM-JJ) a day of the calendar? 2026-02-30 and 2026-13-45 are not. */
export function isCalendarDay(text: string): boolean {
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/** A local date, AAAA-MM-JJ, that exists, within the years above. */
export const localDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date AAAA-MM-JJ attendue. YYYY-MM-DD expected.')
  .refine(isCalendarDay, 'date inexistante. No such date.')
  .refine((s) => inYears(new Date(`${s}T00:00:00Z`)), outOfYears);

// ISO 8601 only: Date.parse reads '-1' as 2001-01-01 and '1e21' as a number of milliseconds.
const iso = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)?)?$/;

/** A Date already parsed (a body's ISO instant, transformed), within the years above. */
export const dateInYears = z.date().refine(inYears, outOfYears);

/** An instant from a query or a body (ISO 8601), valid and within the years above. */
export const instant = z
  .union([z.date(), z.string().regex(iso, 'date ISO 8601 attendue. ISO 8601 date expected.')])
  .pipe(z.coerce.date({ error: 'date invalide. Invalid date.' }))
  .refine(inYears, outOfYears);

const days = (n: number) => n * 86_400_000;
// zod 4 still runs an object's refinements when a field failed without aborting: check the
// shapes before comparing (a string has no getTime, and a 500 would follow).
const bothDates = (r: { from: unknown; to: unknown }): r is { from: Date; to: Date } =>
  r.from instanceof Date &&
  r.to instanceof Date &&
  !Number.isNaN(r.from.getTime() + r.to.getTime());
const bothDays = (r: { from: unknown; to: unknown }) =>
  typeof r.from === 'string' &&
  typeof r.to === 'string' &&
  isCalendarDay(r.from) &&
  isCalendarDay(r.to);

/** `from` < `to`, both instants, at most `maxDays` apart. */
export const instantRange = (maxDays: number) =>
  z
    .object({ from: instant, to: instant })
    .refine((r) => !bothDates(r) || r.to > r.from, {
      message: 'la fin doit suivre le début. The end must follow the start.',
      path: ['to'],
    })
    .refine((r) => !bothDates(r) || r.to.getTime() - r.from.getTime() <= days(maxDays), {
      message: `plage de ${maxDays} jours au plus. At most ${maxDays} days.`,
      path: ['to'],
    });

/** `from` ≤ `to`, both local dates, at most `maxDays` apart. */
export const localDateRange = (maxDays: number) =>
  z
    .object({ from: localDate, to: localDate })
    .refine((r) => !bothDays(r) || r.to >= r.from, {
      message: 'la fin doit suivre le début. The end must follow the start.',
      path: ['to'],
    })
    .refine((r) => !bothDays(r) || Date.parse(r.to) - Date.parse(r.from) <= days(maxDays), {
      message: `plage de ${maxDays} jours au plus. At most ${maxDays} days.`,
      path: ['to'],
    });

/** An IANA time zone the runtime knows (Intl throws a RangeError on any other). */
export const timeZone = z
  .string()
  .min(1)
  .max(64)
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'fuseau horaire inconnu. Unknown time zone.');

// eslint-disable-next-line no-control-regex
const controlCharacter = /[\u0000-\u001f\u007f]/;

/**
 * A name people read (a professional, a service, a territory): no control characters. A CR/LF in
 * a name would reach iCal feeds, CSV files and SMS as a line of its own.
 */
export const displayName = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min, 'nom requis. Name required.')
    .max(max)
    .refine(
      (v) => !controlCharacter.test(v),
      'caractères de contrôle interdits. No control characters.',
    );
