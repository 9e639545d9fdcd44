import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { holidaySet } from './calendar/holidays.js';
import { pdsaPeriods, type PdsaCalendar } from './calendar/pdsa.js';
import { coverageGaps } from './gaps.js';
import { wallClockToInstant } from './local-time.js';
import type { Interval, Shift } from './types.js';

const h = (hours: number) => new Date(Date.UTC(2026, 10, 24, 19) + hours * 3600_000);
const shift = (professionalId: string | null, from: number, to: number, level = 1): Shift => ({
  id: `${from}-${to}-${level}`,
  serviceId: 's',
  professionalId,
  startsAt: h(from),
  endsAt: h(to),
  level,
});
const period = (from: number, to: number): Interval => ({ start: h(from), end: h(to) });

describe('coverageGaps', () => {
  it('reports an open shift as a gap, and the missing backup level around it', () => {
    const gaps = coverageGaps(
      [period(0, 12)],
      [shift('a', 0, 6, 1), shift(null, 6, 12, 1), shift('b', 0, 12, 2)],
      2,
    );
    expect(gaps).toEqual([{ start: h(6), end: h(12), missingLevels: [1] }]);
  });

  it('ignores levels above the required ones and time outside the periods', () => {
    const gaps = coverageGaps(
      [period(0, 12), period(24, 36)],
      [shift('a', -5, 40, 1), shift('z', 0, 40, 3)],
      1,
    );
    expect(gaps).toEqual([]);
  });

  it('merges neighbours missing the same levels, across a handover with a hole at level 2', () => {
    const gaps = coverageGaps(
      [period(0, 12)],
      [shift('a', 0, 4, 1), shift('b', 4, 12, 1), shift('c', 8, 12, 2)],
      2,
    );
    expect(gaps).toEqual([{ start: h(0), end: h(8), missingLevels: [2] }]);
  });

  it('handles overlapping input periods', () => {
    expect(coverageGaps([period(0, 6), period(3, 9)], [], 1)).toEqual([
      { start: h(0), end: h(9), missingLevels: [1] },
    ]);
  });

  it('agrees with a minute-by-minute check on random rotas (property)', () => {
    const arb = fc.record({
      shifts: fc.array(
        fc.record({
          from: fc.integer({ min: 0, max: 40 }),
          len: fc.integer({ min: 1, max: 10 }),
          level: fc.integer({ min: 1, max: 3 }),
          who: fc.constantFrom('a', null),
        }),
        { maxLength: 25 },
      ),
      periods: fc.array(
        fc.record({ from: fc.integer({ min: 0, max: 40 }), len: fc.integer({ min: 1, max: 12 }) }),
        { minLength: 1, maxLength: 4 },
      ),
      levels: fc.integer({ min: 1, max: 3 }),
    });
    fc.assert(
      fc.property(arb, ({ shifts: raw, periods: rawPeriods, levels }) => {
        const shifts = raw.map((r, i) => ({
          ...shift(r.who, r.from, r.from + r.len, r.level),
          id: String(i),
        }));
        const periods = rawPeriods.map((p) => period(p.from, p.from + p.len));
        const gaps = coverageGaps(periods, shifts, levels);
        for (let half = 0; half < 110; half += 1) {
          const t = h(half / 2 + 0.25).getTime();
          const inPdsa = periods.some((p) => p.start.getTime() <= t && t < p.end.getTime());
          const expected = !inPdsa
            ? []
            : Array.from({ length: levels }, (_, k) => k + 1).filter(
                (level) =>
                  !shifts.some(
                    (s) =>
                      s.level === level &&
                      s.professionalId &&
                      s.startsAt.getTime() <= t &&
                      t < s.endsAt.getTime(),
                  ),
              );
          const got =
            gaps.find((g) => g.start.getTime() <= t && t < g.end.getTime())?.missingLevels ?? [];
          expect(got).toEqual(expected);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('coverageGaps on PDSA periods', () => {
  const calendar: PdsaCalendar = {
    timeZone: 'Europe/Paris',
    holidays: holidaySet(2026, 2027),
    ponts: new Set(),
    saturdayAfternoon: true,
  };
  it('reports a night without a primary and a missing backup level', () => {
    const range = {
      start: wallClockToInstant('2026-11-24', '20:00', 'Europe/Paris'),
      end: wallClockToInstant('2026-11-25', '08:00', 'Europe/Paris'),
    };
    const mid = new Date((range.start.getTime() + range.end.getTime()) / 2);
    const shifts: Shift[] = [
      {
        id: '1',
        serviceId: 's',
        professionalId: 'a',
        startsAt: range.start,
        endsAt: mid,
        level: 1,
      },
    ];
    const gaps = coverageGaps(pdsaPeriods(range, calendar), shifts, 2);
    expect(gaps).toEqual([
      { start: range.start, end: mid, missingLevels: [2] },
      { start: mid, end: range.end, missingLevels: [1, 2] },
    ]);
  });

  it("reports the part of a shift whose doctor is on leave as a gap with reason 'leave'", () => {
    const gaps = coverageGaps([period(0, 12)], [shift('a', 0, 12, 1), shift('b', 0, 12, 2)], 2, [
      { professionalId: 'a', startsAt: h(-24), endsAt: h(4) },
      { professionalId: 'z', startsAt: h(0), endsAt: h(12) },
    ]);
    expect(gaps).toEqual([{ start: h(0), end: h(4), missingLevels: [1], reason: 'leave' }]);
  });

  it('keeps an open slot and a leave conflict apart, and a covered level stays covered', () => {
    const gaps = coverageGaps(
      [period(0, 12)],
      [shift('a', 0, 6, 1), shift(null, 6, 12, 1), shift('c', 0, 9, 1)],
      1,
      [{ professionalId: 'c', startsAt: h(3), endsAt: h(9) }],
    );
    expect(gaps).toEqual([
      { start: h(6), end: h(9), missingLevels: [1], reason: 'leave' },
      { start: h(9), end: h(12), missingLevels: [1] },
    ]);
  });
});
