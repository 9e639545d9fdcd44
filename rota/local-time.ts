import { TZDate } from '@date-fns/tz';

export type LocalTimeResult =
  | { ok: true; instant: Date }
  | { ok: false; reason: 'nonexistent' | 'ambiguous' | 'invalid'; message: string };

/**
 * A local wall-clock time in a zone → the instant. 02:30 on the spring-forward day does not
 * exist; 02:30 on the autumn day happens twice and needs `disambiguation`.
 */
export function localToInstant(
  date: string,
  time: string,
  timeZone: string,
  disambiguation?: 'earlier' | 'later',
): LocalTimeResult {
  const dm = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const tm = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!dm || !tm) return { ok: false, reason: 'invalid', message: `« ${date} ${time} » n'est pas une date AAAA-MM-JJ et une heure HH:MM valides` };
  const [y, mo, d] = [Number(dm[1]), Number(dm[2]), Number(dm[3])];
  const [h, mi] = [Number(tm[1]), Number(tm[2])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) {
    return { ok: false, reason: 'invalid', message: `le ${date} n'existe pas` };
  }
  // Candidate instants: the wall time read with each of the offsets in force around that day.
  const wallAsUtc = Date.UTC(y, mo - 1, d, h, mi);
  const offsets = new Set([offsetMinutes(wallAsUtc - 12 * 3600_000, timeZone), offsetMinutes(wallAsUtc + 12 * 3600_000, timeZone)]);
  const matches = [...offsets]
    .map((offset) => wallAsUtc - offset * 60_000)
    .filter((instant) => {
      const local = new TZDate(instant, timeZone);
      return local.getHours() === h && local.getMinutes() === mi && local.getDate() === d;
    })
    .sort((a, b) => a - b);
  if (matches.length === 0) {
    return { ok: false, reason: 'nonexistent', message: `${time} n'existe pas le ${date} (${timeZone} passe à l'heure d'été)` };
  }
  if (matches.length > 1 && !disambiguation) {
    return { ok: false, reason: 'ambiguous', message: `${time} a lieu deux fois le ${date} (retour à l'heure d'hiver) : précisez "earlier" ou "later"` };
  }
  const chosen = disambiguation === 'later' ? matches[matches.length - 1]! : matches[0]!;
  return { ok: true, instant: new Date(chosen) };
}

/** UTC offset of a zone at an instant, in minutes. */
export function offsetMinutes(instant: number, timeZone: string): number {
  return -new TZDate(instant, timeZone).getTimezoneOffset();
}

/** Like localToInstant, for rules: a nonexistent time moves forward, an ambiguous one takes the first. */
export function wallClockToInstant(date: string, time: string, timeZone: string): Date {
  const result = localToInstant(date, time, timeZone, 'earlier');
  if (result.ok) return result.instant;
  const [h, m] = time.split(':').map(Number) as [number, number];
  const shifted = `${String(h + 1).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
  const retry = localToInstant(date, shifted, timeZone, 'earlier');
  if (retry.ok) return retry.instant;
  throw new Error(`cannot place ${date} ${time} in ${timeZone}`);
}
