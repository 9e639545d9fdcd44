import { describe, expect, it } from 'vitest';
import { frenchPublicHolidays, holidaySet } from './calendar/holidays.js';
import { addDays, formatDate } from './calendar/local-date.js';
import { isPdsaTime, pdsaPeriods, type PdsaCalendar } from './calendar/pdsa.js';
import { localToInstant } from './local-time.js';

/** Easter Sunday by the Meeus/Jones/Butcher algorithm, to check date-holidays independently. */
function easter(year: number): string {
  const a = year % 19, b = Math.floor(year / 100), c = year % 100;
  const d = Math.floor(b / 4), e = b % 4, f = Math.floor((b + 8) / 25), g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30, i = Math.floor(c / 4), k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7, m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31), day = ((h + l - 7 * m + 114) % 31) + 1;
  return formatDate(year, month, day);
}

describe('French public holidays', () => {
  it.each([2026, 2027, 2028, 2029, 2030])('%i: the eleven national days, Easter-derived ones included', (year) => {
    const e = easter(year);
    const expected = [
      `${year}-01-01`, addDays(e, 1), `${year}-05-01`, `${year}-05-08`, addDays(e, 39), addDays(e, 50),
      `${year}-07-14`, `${year}-08-15`, `${year}-11-01`, `${year}-11-11`, `${year}-12-25`,
    ].sort();
    expect(frenchPublicHolidays(year).map((h) => h.date).sort()).toEqual(expected);
  });

  it('knows the 2026 and 2027 Easter dates of the brief', () => {
    expect(easter(2026)).toBe('2026-04-05');
    expect(holidaySet(2026, 2027)).toContain('2026-05-14');
    expect(holidaySet(2026, 2027)).toContain('2027-05-17');
  });

  it('adds Good Friday and 26 December in Alsace-Moselle only', () => {
    const am = frenchPublicHolidays(2027, { alsaceMoselle: true }).map((h) => h.date);
    expect(am).toContain(addDays(easter(2027), -2));
    expect(am).toContain('2027-12-26');
    expect(frenchPublicHolidays(2027).map((h) => h.date)).not.toContain('2027-12-26');
  });
});

const paris: PdsaCalendar = { timeZone: 'Europe/Paris', holidays: holidaySet(2026, 2027), ponts: new Set(['2026-05-15']), saturdayAfternoon: true };
const at = (date: string, time: string) => {
  const r = localToInstant(date, time, 'Europe/Paris', 'earlier');
  if (!r.ok) throw new Error(r.message);
  return r.instant;
};

describe('PDSA hours', () => {
  it.each([
    ['2026-11-24', '21:30', true, 'a weeknight'],
    ['2026-11-24', '07:59', true, 'early morning'],
    ['2026-11-24', '08:00', false, 'a weekday morning'],
    ['2026-11-28', '11:59', false, 'Saturday morning'],
    ['2026-11-28', '12:00', true, 'Saturday afternoon'],
    ['2026-11-29', '10:00', true, 'Sunday daytime'],
    ['2026-11-11', '10:00', true, 'a holiday on a Wednesday'],
    ['2026-05-15', '10:00', true, 'a confirmed pont'],
  ])('%s %s → %s (%s)', (date, time, expected) => {
    expect(isPdsaTime(at(date, time), paris)).toBe(expected);
  });

  it('a 20:00 → 08:00 night lasts 11 h on the last Sunday of March and 13 h on the last Sunday of October', () => {
    // The night from Saturday 20:00 into the changeover Sunday, clipped to 08:00.
    const night = (d: string) => pdsaPeriods({ start: at(d, '20:00'), end: at(addDays(d, 1), '07:00') }, { ...paris, saturdayAfternoon: false });
    const spring = pdsaPeriods({ start: at('2027-03-27', '20:00'), end: at('2027-03-28', '08:00') }, paris);
    const autumn = pdsaPeriods({ start: at('2026-10-24', '20:00'), end: at('2026-10-25', '08:00') }, paris);
    expect(spring).toHaveLength(1);
    expect((spring[0]!.end.getTime() - spring[0]!.start.getTime()) / 3600_000).toBe(11);
    expect((autumn[0]!.end.getTime() - autumn[0]!.start.getTime()) / 3600_000).toBe(13);
    expect(night('2026-11-24')).toHaveLength(1);
  });
});

describe('local times', () => {
  it('refuses 02:30 on the spring-forward day', () => {
    const r = localToInstant('2027-03-28', '02:30', 'Europe/Paris');
    expect(r).toMatchObject({ ok: false, reason: 'nonexistent' });
  });
  it('asks which 02:30 on the autumn day, and honours the choice', () => {
    expect(localToInstant('2026-10-25', '02:30', 'Europe/Paris')).toMatchObject({ ok: false, reason: 'ambiguous' });
    const earlier = localToInstant('2026-10-25', '02:30', 'Europe/Paris', 'earlier');
    const later = localToInstant('2026-10-25', '02:30', 'Europe/Paris', 'later');
    expect(earlier.ok && earlier.instant.toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(later.ok && later.instant.toISOString()).toBe('2026-10-25T01:30:00.000Z');
  });
  it('refuses dates that do not exist', () => {
    expect(localToInstant('2026-02-30', '10:00', 'Europe/Paris')).toMatchObject({ ok: false, reason: 'invalid' });
  });
});
