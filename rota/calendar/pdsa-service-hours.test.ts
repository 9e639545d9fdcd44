import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { holidaySet } from './holidays.js';
import {
  isPdsaTime,
  isRegulationOnlyTime,
  pdsaPeriods,
  type PdsaCalendar,
  type ServiceHours,
} from './pdsa.js';
import { territoryCalendar } from './territory-calendar.js';
import { localToInstant } from '../local-time.js';

// Issue 15, point 2: each service keeps its own PDSA hours within its territory's calendar.
const paris: PdsaCalendar = {
  timeZone: 'Europe/Paris',
  holidays: holidaySet(2026, 2027),
  ponts: new Set(['2026-05-15']),
  saturdayAfternoon: true,
};
const withHours = (hours: Partial<ServiceHours>, base: PdsaCalendar = paris): PdsaCalendar => ({
  ...base,
  hours: { saturday: 'territory', nights: 'full', ...hours },
});
const at = (date: string, time: string, which: 'earlier' | 'later' = 'earlier') => {
  const r = localToInstant(date, time, 'Europe/Paris', which);
  if (!r.ok) throw new Error(r.message);
  return r.instant;
};
const spans = (calendar: PdsaCalendar, from: [string, string], to: [string, string]) =>
  pdsaPeriods({ start: at(...from), end: at(...to) }, calendar).map((p) => [
    p.start.toISOString(),
    p.end.toISOString(),
  ]);
const iso = (date: string, time: string) => at(date, time).toISOString();

describe('Saturday from 08:00', () => {
  const day = withHours({ saturday: 'day' });

  it.each([
    ['07:59', true],
    ['08:00', true],
    ['11:59', true],
    ['19:59', true],
  ])('Saturday %s → %s', (time, expected) => {
    expect(isPdsaTime(at('2026-11-28', time), day)).toBe(expected);
    expect(isPdsaTime(at('2026-11-28', time), paris)).toBe(time >= '12:00' || time < '08:00');
  });

  it('makes Friday 20:00 → Monday 08:00 one block', () => {
    expect(spans(day, ['2026-11-27', '12:00'], ['2026-11-30', '12:00'])).toEqual([
      [iso('2026-11-27', '20:00'), iso('2026-11-30', '08:00')],
    ]);
  });

  it('holds on the Saturday before the spring-forward Sunday: Friday 20:00 → Monday 08:00 is 59 h', () => {
    const [block] = pdsaPeriods(
      { start: at('2026-03-27', '12:00'), end: at('2026-03-30', '12:00') },
      day,
    );
    expect((block!.end.getTime() - block!.start.getTime()) / 3600_000).toBe(59);
  });

  it('applies even where the region did not choose Saturday afternoon', () => {
    const calendar = withHours({ saturday: 'day' }, { ...paris, saturdayAfternoon: false });
    expect(isPdsaTime(at('2026-11-28', '09:00'), calendar)).toBe(true);
  });
});

describe('Saturday afternoon off (a pharmacy open as usual)', () => {
  const pharmacy = withHours({ saturday: 'none' });

  it('leaves Saturday 08:00–20:00 out, nights and Sunday in', () => {
    expect(isPdsaTime(at('2026-11-28', '14:00'), pharmacy)).toBe(false);
    expect(isPdsaTime(at('2026-11-28', '21:00'), pharmacy)).toBe(true);
    expect(isPdsaTime(at('2026-11-29', '14:00'), pharmacy)).toBe(true);
    expect(spans(pharmacy, ['2026-11-28', '00:00'], ['2026-11-30', '00:00'])).toEqual([
      [iso('2026-11-28', '00:00'), iso('2026-11-28', '08:00')],
      [iso('2026-11-28', '20:00'), iso('2026-11-30', '00:00')],
    ]);
  });

  it('a Saturday that is a holiday stays 08:00–20:00 (14 July 2029 is a Saturday)', () => {
    const calendar = withHours(
      { saturday: 'none' },
      { ...paris, holidays: holidaySet(2029, 2029) },
    );
    expect(isPdsaTime(at('2029-07-14', '14:00'), calendar)).toBe(true);
  });

  it('Saturday afternoon is PDSA time the pharmacy leaves to the territory (régulation)', () => {
    expect(isRegulationOnlyTime(at('2026-11-28', '14:00'), pharmacy)).toBe(true);
    expect(isRegulationOnlyTime(at('2026-11-28', '10:00'), pharmacy)).toBe(false);
  });

  it("'afternoon' gives 12:00–20:00 even where the region did not choose it", () => {
    const calendar = withHours({ saturday: 'afternoon' }, { ...paris, saturdayAfternoon: false });
    expect(isPdsaTime(at('2026-11-28', '12:00'), calendar)).toBe(true);
    expect(isPdsaTime(at('2026-11-28', '11:59'), calendar)).toBe(false);
  });
});

describe('00:00–08:00 régulation only', () => {
  const evening = withHours({ nights: 'evening' });

  it.each([
    ['2026-11-24', '20:00', true, false],
    ['2026-11-24', '23:59', true, false],
    ['2026-11-25', '00:00', false, true],
    ['2026-11-25', '07:59', false, true],
    ['2026-11-25', '08:00', false, false],
    ['2026-11-29', '10:00', true, false],
  ])('%s %s → service %s, régulation %s', (date, time, service, regulation) => {
    expect(isPdsaTime(at(date, time), evening)).toBe(service);
    expect(isRegulationOnlyTime(at(date, time), evening)).toBe(regulation);
  });

  it('a weekend keeps Sunday daytime and the evenings: Saturday 12:00 → Sunday 00:00, Sunday 08:00 → Monday 00:00', () => {
    expect(spans(evening, ['2026-11-28', '00:00'], ['2026-11-30', '12:00'])).toEqual([
      [iso('2026-11-28', '12:00'), iso('2026-11-29', '00:00')],
      [iso('2026-11-29', '08:00'), iso('2026-11-30', '00:00')],
    ]);
  });

  it('on both DST Sundays the 00:00–08:00 part (7 h in March, 9 h in October) is the régulation’s', () => {
    const spring = spans(evening, ['2027-03-27', '20:00'], ['2027-03-28', '20:00']);
    expect(spring).toEqual([
      [iso('2027-03-27', '20:00'), iso('2027-03-28', '00:00')],
      [iso('2027-03-28', '08:00'), iso('2027-03-28', '20:00')],
    ]);
    const autumn = spans(evening, ['2026-10-24', '20:00'], ['2026-10-25', '20:00']);
    expect(autumn).toEqual([
      [iso('2026-10-24', '20:00'), iso('2026-10-25', '00:00')],
      [iso('2026-10-25', '08:00'), iso('2026-10-25', '20:00')],
    ]);
    // 02:30 happens twice on 25 October 2026: both are the régulation's.
    expect(isRegulationOnlyTime(at('2026-10-25', '02:30', 'earlier'), evening)).toBe(true);
    expect(isRegulationOnlyTime(at('2026-10-25', '02:30', 'later'), evening)).toBe(true);
    expect(isRegulationOnlyTime(at('2027-03-28', '03:30'), evening)).toBe(true);
  });
});

describe('no nights (a dentists’ rota: Sundays and holidays)', () => {
  const dentists = withHours({ nights: 'none', saturday: 'none' });

  it('keeps only Sundays, holidays and ponts 08:00–20:00', () => {
    expect(isPdsaTime(at('2026-11-24', '22:00'), dentists)).toBe(false);
    expect(spans(dentists, ['2026-11-09', '00:00'], ['2026-11-16', '00:00'])).toEqual([
      [iso('2026-11-11', '08:00'), iso('2026-11-11', '20:00')],
      [iso('2026-11-15', '08:00'), iso('2026-11-15', '20:00')],
    ]);
  });
});

describe('every combination of service hours', () => {
  const all: ServiceHours[] = (['territory', 'afternoon', 'day', 'none'] as const).flatMap(
    (saturday) => (['full', 'evening', 'none'] as const).map((nights) => ({ saturday, nights })),
  );

  it('periods agree with isPdsaTime at every instant (property, both DST switches included)', () => {
    const start = at('2026-03-20', '00:00').getTime();
    const end = at('2026-11-05', '00:00').getTime();
    for (const hours of all) {
      const calendar = { ...paris, hours };
      const periods = pdsaPeriods({ start: new Date(start), end: new Date(end) }, calendar);
      fc.assert(
        fc.property(fc.integer({ min: start, max: end - 1 }), (t) => {
          const inPeriods = periods.some((p) => p.start.getTime() <= t && t < p.end.getTime());
          expect(inPeriods).toBe(isPdsaTime(new Date(t), calendar));
        }),
        { numRuns: 300 },
      );
    }
  });

  it('the default hours are the territory’s, exactly', () => {
    const range = { start: at('2026-03-01', '00:00'), end: at('2026-12-01', '00:00') };
    const territory = territoryCalendar(
      { timeZone: 'Europe/Paris', alsaceMoselle: false, saturdayAfternoon: true },
      [],
      2026,
      2026,
    );
    const service = territoryCalendar(
      { timeZone: 'Europe/Paris', alsaceMoselle: false, saturdayAfternoon: true },
      [],
      2026,
      2026,
      { saturday: 'territory', nights: 'full' },
    );
    expect(pdsaPeriods(range, service)).toEqual(pdsaPeriods(range, territory));
  });
});
