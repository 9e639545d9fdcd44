import { describe, expect, it } from 'vitest';
import { frenchPublicHolidays, isPublicHoliday } from './holidays.js';
import { addDays, formatDate } from './local-date.js';

/** Easter Sunday by the Meeus/Jones/Butcher algorithm, independent of date-holidays. */
function easter(year: number): string {
  const a = year % 19,
    b = Math.floor(year / 100),
    c = year % 100;
  const d = Math.floor(b / 4),
    e = b % 4,
    f = Math.floor((b + 8) / 25),
    g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30,
    i = Math.floor(c / 4),
    k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7,
    m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31),
    day = ((h + l - 7 * m + 114) % 31) + 1;
  return formatDate(year, month, day);
}

const national = (year: number) => {
  const e = easter(year);
  return [
    `${year}-01-01`,
    addDays(e, 1),
    `${year}-05-01`,
    `${year}-05-08`,
    addDays(e, 39),
    addDays(e, 50),
    `${year}-07-14`,
    `${year}-08-15`,
    `${year}-11-01`,
    `${year}-11-11`,
    `${year}-12-25`,
  ].sort();
};

describe('Easter (Meeus/Jones/Butcher) matches the dates of the brief', () => {
  it.each([
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
    [2029, '2029-04-01'],
    [2030, '2030-04-21'],
  ])('%i → %s', (year, date) => {
    expect(easter(year)).toBe(date);
  });
});

describe('frenchPublicHolidays', () => {
  it.each([2026, 2027, 2028, 2029, 2030])(
    '%i: exactly the eleven national days, sorted',
    (year) => {
      expect(frenchPublicHolidays(year).map((h) => h.date)).toEqual(national(year));
    },
  );

  it.each([2026, 2027, 2028, 2029, 2030])(
    '%i in Alsace-Moselle: plus Good Friday and 26 December',
    (year) => {
      const expected = [...national(year), addDays(easter(year), -2), `${year}-12-26`].sort();
      expect(frenchPublicHolidays(year, { alsaceMoselle: true }).map((h) => h.date)).toEqual(
        expected,
      );
    },
  );

  it('leaves out observances (Easter Sunday, Whit Sunday, Mother’s Day)', () => {
    const dates = frenchPublicHolidays(2027).map((h) => h.date);
    expect(dates).not.toContain('2027-03-28');
    expect(dates).not.toContain('2027-05-16');
    expect(dates).not.toContain('2027-05-30');
  });

  it('keeps one entry when two holidays share a date (Ascension on 1 May 2008)', () => {
    const may1 = frenchPublicHolidays(2008).filter((h) => h.date === '2008-05-01');
    expect(may1).toHaveLength(1);
    expect(may1[0]!.name).toContain('Ascension');
  });

  it('gives the brief’s 2026 and 2027 moving days', () => {
    expect(isPublicHoliday('2026-05-14')).toBe(true);
    expect(isPublicHoliday('2026-05-25')).toBe(true);
    expect(isPublicHoliday('2027-05-06')).toBe(true);
    expect(isPublicHoliday('2027-05-17')).toBe(true);
    expect(isPublicHoliday('2027-03-26')).toBe(false);
    expect(isPublicHoliday('2027-03-26', { alsaceMoselle: true })).toBe(true);
  });

  it('returns the same frozen list from its cache', () => {
    expect(frenchPublicHolidays(2028)).toBe(frenchPublicHolidays(2028));
    expect(Object.isFrozen(frenchPublicHolidays(2028))).toBe(true);
  });

  it('La Réunion: 20 December 2026 (abolition of slavery) is a holiday there, not in metropolitan France', () => {
    expect(isPublicHoliday('2026-12-20', { overseas: 'RE' })).toBe(true);
    expect(isPublicHoliday('2026-12-20')).toBe(false);
    expect(isPublicHoliday('2026-12-20', { alsaceMoselle: true })).toBe(false);
  });

  it.each([
    ['GP', '2027-05-27'],
    ['MQ', '2027-05-22'],
    ['GF', '2027-06-10'],
    ['RE', '2027-12-20'],
    ['YT', '2027-04-27'],
  ] as const)('%s: its abolition-of-slavery day %s on top of the national list', (dep, day) => {
    const dates = frenchPublicHolidays(2027, { overseas: dep }).map((h) => h.date);
    expect(dates).toContain(day);
    expect(dates).toEqual(expect.arrayContaining(national(2027)));
    expect(isPublicHoliday(day)).toBe(false);
  });
});
