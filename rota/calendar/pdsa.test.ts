import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { holidaySet } from './holidays.js';
import { addDays } from './local-date.js';
import { isPdsaTime, pdsaPeriods, type PdsaCalendar } from './pdsa.js';
import { localToInstant } from '../local-time.js';

const paris: PdsaCalendar = {
  timeZone: 'Europe/Paris',
  holidays: holidaySet(2026, 2027),
  ponts: new Set(['2026-05-15']),
  saturdayAfternoon: true,
};
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
    const night = (d: string) =>
      pdsaPeriods(
        { start: at(d, '20:00'), end: at(addDays(d, 1), '07:00') },
        { ...paris, saturdayAfternoon: false },
      );
    const spring = pdsaPeriods(
      { start: at('2027-03-27', '20:00'), end: at('2027-03-28', '08:00') },
      paris,
    );
    const autumn = pdsaPeriods(
      { start: at('2026-10-24', '20:00'), end: at('2026-10-25', '08:00') },
      paris,
    );
    expect(spring).toHaveLength(1);
    expect((spring[0]!.end.getTime() - spring[0]!.start.getTime()) / 3600_000).toBe(11);
    expect((autumn[0]!.end.getTime() - autumn[0]!.start.getTime()) / 3600_000).toBe(13);
    expect(night('2026-11-24')).toHaveLength(1);
  });
});

describe('pdsaPeriods', () => {
  const hoursOf = (i: { start: Date; end: Date }) =>
    (i.end.getTime() - i.start.getTime()) / 3600_000;

  it('merges a weekend into one block: Friday 20:00 → Monday 08:00 with Saturday afternoon', () => {
    const periods = pdsaPeriods(
      { start: at('2026-11-27', '00:00'), end: at('2026-11-30', '12:00') },
      paris,
    );
    expect(periods.map((p) => [p.start.toISOString(), p.end.toISOString()])).toEqual([
      [at('2026-11-27', '00:00').toISOString(), at('2026-11-27', '08:00').toISOString()],
      [at('2026-11-27', '20:00').toISOString(), at('2026-11-28', '08:00').toISOString()],
      [at('2026-11-28', '12:00').toISOString(), at('2026-11-30', '08:00').toISOString()],
    ]);
  });

  it('without Saturday afternoon, Saturday 08:00–20:00 is office hours', () => {
    const periods = pdsaPeriods(
      { start: at('2026-11-28', '00:00'), end: at('2026-11-29', '00:00') },
      { ...paris, saturdayAfternoon: false },
    );
    expect(periods.map(hoursOf)).toEqual([8, 4]);
  });

  it('opens a holiday and a confirmed pont 08:00–20:00 (Ascension Thursday + pont Friday 2026)', () => {
    // Only Friday 15 May is confirmed: Saturday 08:00–12:00 stays office hours.
    const periods = pdsaPeriods(
      { start: at('2026-05-13', '20:00'), end: at('2026-05-18', '08:00') },
      paris,
    );
    expect(periods.map(hoursOf)).toEqual([60, 44]);
    const both = pdsaPeriods(
      { start: at('2026-05-13', '20:00'), end: at('2026-05-18', '08:00') },
      { ...paris, ponts: new Set(['2026-05-15', '2026-05-16']) },
    );
    expect(both.map(hoursOf)).toEqual([4 * 24 + 12]);
  });

  it('agrees with isPdsaTime at every instant (property, DST days included)', () => {
    const start = at('2026-03-20', '00:00').getTime();
    const end = at('2026-11-05', '00:00').getTime();
    const periods = pdsaPeriods({ start: new Date(start), end: new Date(end) }, paris);
    fc.assert(
      fc.property(fc.integer({ min: start, max: end - 1 }), (t) => {
        const inPeriods = periods.some((p) => p.start.getTime() <= t && t < p.end.getTime());
        expect(inPeriods).toBe(isPdsaTime(new Date(t), paris));
      }),
      { numRuns: 2000 },
    );
  });
});
