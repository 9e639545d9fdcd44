import { TZDate } from '@date-fns/tz';

/**
 * Local wall-clock time ↔ instants. Rules are written in wall-clock time ("20:00 → 08:00");
 * instants are stored in UTC. Around a DST change a wall time can be missing (spring) or
 * happen twice (autumn): a person's entry must then be refused or disambiguated, while a rule
 * applied every day must still land somewhere (see `wallClockToInstant`).
 */

export type LocalTimeResult =
  | { ok: true; instant: Date }
  | { ok: false; reason: 'nonexistent' | 'ambiguous' | 'invalid'; message: string };

const dateRe = /^(\d{4})-(\d{2})-(\d{2})$/;
const timeRe = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  return !Number.isNaN(new TZDate(0, timeZone).getTimezoneOffset());
}

/**
 * A local date (YYYY-MM-DD) and wall time (HH:MM) in `timeZone` → the instant.
 * 02:30 on the spring-forward day is `nonexistent`; 02:30 on the autumn day is `ambiguous`
 * unless `disambiguation` picks the `earlier` (summer time) or `later` (winter time) one.
 * Every accepted result is checked to read back as the same wall time in the zone.
 */
export function localToInstant(
  date: string,
  time: string,
  timeZone: string,
  disambiguation?: 'earlier' | 'later',
): LocalTimeResult {
  const dm = dateRe.exec(date);
  const tm = timeRe.exec(time);
  if (!dm || !tm)
    return {
      ok: false,
      reason: 'invalid',
      message: `« ${date} ${time} » n'est pas une date AAAA-MM-JJ et une heure HH:MM valides`,
    };
  if (!isValidTimeZone(timeZone))
    return { ok: false, reason: 'invalid', message: `fuseau horaire inconnu « ${timeZone} »` };
  const [y, mo, d] = [Number(dm[1]), Number(dm[2]), Number(dm[3])];
  const [h, mi] = [Number(tm[1]), Number(tm[2])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) {
    return { ok: false, reason: 'invalid', message: `le ${date} n'existe pas` };
  }
  // Candidates: the wall time read with each offset in force within a day around it. No zone
  // changes offset twice within 24 h, so these two offsets are all there is to try.
  const wallAsUtc = Date.UTC(y, mo - 1, d, h, mi);
  const offsets = new Set([
    offsetMinutes(wallAsUtc - 12 * 3600_000, timeZone),
    offsetMinutes(wallAsUtc + 12 * 3600_000, timeZone),
  ]);
  const matches = [...offsets]
    .map((offset) => wallAsUtc - offset * 60_000)
    .filter((instant) => readsBackAs(instant, timeZone, y, mo, d, h, mi))
    .sort((a, b) => a - b);
  if (matches.length === 0) {
    return {
      ok: false,
      reason: 'nonexistent',
      message: `${time} n'existe pas le ${date} (passage à l'heure d'été, ${timeZone})`,
    };
  }
  if (matches.length > 1 && !disambiguation) {
    return {
      ok: false,
      reason: 'ambiguous',
      message: `${time} a lieu deux fois le ${date} (retour à l'heure d'hiver) : précisez la première ou la seconde`,
    };
  }
  const chosen = disambiguation === 'later' ? matches[matches.length - 1]! : matches[0]!;
  return { ok: true, instant: new Date(chosen) };
}

function readsBackAs(
  instant: number,
  timeZone: string,
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
): boolean {
  const local = new TZDate(instant, timeZone);
  return (
    local.getFullYear() === y &&
    local.getMonth() === mo - 1 &&
    local.getDate() === d &&
    local.getHours() === h &&
    local.getMinutes() === mi
  );
}

/** UTC offset of a zone at an instant, in minutes (Paris: 60 in winter, 120 in summer). */
export function offsetMinutes(instant: number, timeZone: string): number {
  return -new TZDate(instant, timeZone).getTimezoneOffset();
}

/**
 * Like `localToInstant`, for rules applied every day (PDSA hours, template slots), which must
 * land somewhere: a nonexistent time moves forward by the gap (02:30 → 03:30, as Temporal's
 * "compatible" mode does), an ambiguous one takes the first occurrence. "24:00" is midnight at
 * the end of `date`. Throws only on malformed input, which is a programming error here.
 */
export function wallClockToInstant(date: string, time: string, timeZone: string): Date {
  if (time === '24:00') {
    const next = new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    return wallClockToInstant(next, '00:00', timeZone);
  }
  const result = localToInstant(date, time, timeZone, 'earlier');
  if (result.ok) return result.instant;
  if (result.reason === 'nonexistent') {
    // The wall time read with the offset before the change: it falls just after the gap.
    const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
    const [h, m] = time.split(':').map(Number) as [number, number];
    const wallAsUtc = Date.UTC(y, mo - 1, d, h, m);
    return new Date(wallAsUtc - offsetMinutes(wallAsUtc - 12 * 3600_000, timeZone) * 60_000);
  }
  throw new Error(`cannot place ${date} ${time} in ${timeZone}: ${result.message}`);
}
