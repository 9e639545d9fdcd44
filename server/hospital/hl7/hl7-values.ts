import { TZDate } from '@date-fns/tz';
import type { Hl7Context, Hl7Segment } from '@medplum/core';

/**
 * Reading values out of @medplum/core's parsed segments: the library splits fields, components
 * and repetitions but leaves HL7 escape sequences and DTM times to the reader.
 */

/** A component of a field's repetition, unescaped and trimmed ('' when absent). */
export function valueOf(
  segment: Hl7Segment | undefined,
  field: number,
  component = 1,
  repetition = 0,
): string {
  const hl7Field = segment?.getField(field);
  if (!hl7Field || repetition >= hl7Field.components.length) return '';
  return unescapeHl7(hl7Field.getComponent(component, undefined, repetition), segment!.context);
}

/** How many repetitions a field has (0 when absent or empty). */
export function repetitionsOf(segment: Hl7Segment | undefined, field: number): number {
  const hl7Field = segment?.getField(field);
  if (!hl7Field || hl7Field.toString() === '') return 0;
  return hl7Field.components.length;
}

/** \F\ \S\ \T\ \R\ \E\ back to their separators; \.br\ to a line break; \Xhh\ as Latin-1 bytes. */
export function unescapeHl7(value: string, context: Hl7Context): string {
  const e = context.escapeCharacter;
  if (!value.includes(e)) return value.trim();
  const pattern = new RegExp(`${escapeRegExp(e)}([^${escapeRegExp(e)}]*)${escapeRegExp(e)}`, 'g');
  return value
    .replace(pattern, (whole, code: string) => {
      const known: Record<string, string> = {
        F: context.fieldSeparator,
        S: context.componentSeparator,
        T: context.subcomponentSeparator,
        R: context.repetitionSeparator,
        E: e,
        '.br': '\n',
      };
      if (code in known) return known[code]!;
      if (/^X([0-9A-Fa-f]{2})+$/.test(code))
        return Buffer.from(code.slice(1), 'hex').toString('latin1');
      return whole;
    })
    .trim();
}

/** The other way, for text we write into an ACK. */
export function escapeHl7(value: string, context: Hl7Context): string {
  const e = context.escapeCharacter;
  return [...value]
    .map((c) => {
      if (c === e) return `${e}E${e}`;
      if (c === context.fieldSeparator) return `${e}F${e}`;
      if (c === context.componentSeparator) return `${e}S${e}`;
      if (c === context.subcomponentSeparator) return `${e}T${e}`;
      if (c === context.repetitionSeparator) return `${e}R${e}`;
      if (c === '\r' || c === '\n') return ' ';
      return c;
    })
    .join('');
}

const dtm =
  /^(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:\.(\d{1,4}))?(?:([+-])(\d{2})(\d{2}))?$/;

/**
 * An HL7 DTM (YYYY[MM[DD[HH[MM[SS[.SSSS]]]]]][+/-ZZZZ]) as an instant. Without an offset it is
 * the hospital's local time: the territory's time zone. '' → null; unreadable → 'invalid'.
 */
export function instantOf(value: string, timeZone: string): Date | null | 'invalid' {
  if (value === '') return null;
  const m = dtm.exec(value);
  if (!m) return 'invalid';
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', frac = '0', sign, oh, om] = m;
  const parts = [Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)] as const;
  const ms = Math.round(Number(`0.${frac}`) * 1000);
  if (
    !isCalendarDate(parts[0], parts[1], parts[2]) ||
    parts[3] > 23 ||
    parts[4] > 59 ||
    parts[5] > 59
  )
    return 'invalid';
  if (sign) {
    const offsetMs = (Number(oh) * 60 + Number(om)) * 60_000 * (sign === '-' ? -1 : 1);
    return new Date(Date.UTC(...parts, ms) - offsetMs);
  }
  return new Date(new TZDate(...parts, ms, timeZone).getTime());
}

/** An HL7 DT/DTM's date part as YYYY-MM-DD (a birth date has no time zone); unreadable → 'invalid'. */
export function dateOf(value: string): string | null | 'invalid' {
  if (value === '') return null;
  const m = /^(\d{4})(\d{2})(\d{2})/.exec(value);
  if (!m || !isCalendarDate(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) return 'invalid';
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/** A day that exists (no 31 February): PostgreSQL would refuse it inside the transaction. */
function isCalendarDate(year: number, monthIndex: number, day: number): boolean {
  const date = new Date(Date.UTC(year, monthIndex, day));
  return date.getUTCMonth() === monthIndex && date.getUTCDate() === day && year >= 1800;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
