import { describe, expect, it } from 'vitest';
import { holidaySet } from './calendar/holidays.js';
import { fairness, slotKindFairness } from './fairness.js';
import { withDefaultSlotWeights } from './slot-weights.js';
import { wallClockToInstant } from './local-time.js';
import { defaultWeights, shiftKindOf } from './shift-kind.js';
import type { Shift } from './types.js';

const zone = 'Europe/Paris';
const holidays = holidaySet(2026, 2027);
const at = (date: string, time: string) => wallClockToInstant(date, time, zone);

describe('shiftKindOf', () => {
  it.each([
    ['2026-11-24', '20:00', 'weeknight', 'Tuesday night'],
    ['2026-11-27', '20:00', 'weeknight', 'Friday night (classed by its evening)'],
    ['2026-11-28', '12:00', 'saturday', 'Saturday afternoon'],
    ['2026-11-29', '08:00', 'sunday_holiday', 'Sunday'],
    ['2026-11-11', '08:00', 'sunday_holiday', 'Armistice, a Wednesday'],
    ['2027-03-28', '08:00', 'sunday_holiday', 'spring-forward Sunday'],
    ['2026-12-24', '20:00', 'christmas_newyear', 'Christmas Eve night'],
    ['2026-12-25', '08:00', 'christmas_newyear', 'Christmas day'],
    ['2026-12-31', '20:00', 'christmas_newyear', 'New Year’s Eve night'],
    ['2027-01-01', '08:00', 'christmas_newyear', 'New Year’s day'],
    ['2026-12-23', '20:00', 'weeknight', '23 December night'],
    [
      '2026-12-31',
      '00:30',
      'weeknight',
      'early 31 December: the night of the 30th (local, not UTC)',
    ],
    ['2027-01-01', '00:30', 'christmas_newyear', 'early 1 January: New Year’s Eve night'],
  ])('%s %s → %s (%s)', (date, time, kind) => {
    expect(shiftKindOf(at(date, time), zone, holidays)).toBe(kind);
  });

  it('orders the default weights weeknight < saturday < sunday_holiday < christmas_newyear', () => {
    expect(defaultWeights.weeknight).toBeLessThan(defaultWeights.saturday);
    expect(defaultWeights.saturday).toBeLessThan(defaultWeights.sunday_holiday);
    expect(defaultWeights.sunday_holiday).toBeLessThan(defaultWeights.christmas_newyear);
  });
});

describe('fairness', () => {
  const shift = (
    id: string,
    professionalId: string | null,
    date: string,
    time: string,
    kind?: Shift['kind'],
  ): Shift => ({
    id,
    serviceId: 's',
    professionalId,
    startsAt: at(date, time),
    endsAt: at(date, time),
    level: 1,
    kind,
  });
  const range = { start: at('2026-12-01', '00:00'), end: at('2027-01-01', '00:00') };

  it('classifies shifts without a kind from the calendar, counts per kind, skips open shifts', () => {
    const loads = fairness(
      [
        shift('1', 'a', '2026-12-24', '20:00'),
        shift('2', 'a', '2026-12-05', '12:00'),
        shift('3', 'b', '2026-12-06', '08:00'),
        shift('4', 'b', '2026-12-07', '20:00'),
        shift('5', null, '2026-12-08', '20:00'),
        shift('6', 'c', '2027-01-01', '08:00'),
      ],
      range,
      defaultWeights,
      { timeZone: zone, holidays },
    );
    expect(loads).toEqual([
      {
        professionalId: 'a',
        count: 2,
        weightedLoad: 4.5,
        byKind: { weeknight: 0, saturday: 1, sunday_holiday: 0, christmas_newyear: 1 },
      },
      {
        professionalId: 'b',
        count: 2,
        weightedLoad: 3,
        byKind: { weeknight: 1, saturday: 0, sunday_holiday: 1, christmas_newyear: 0 },
      },
    ]);
  });

  it('uses territory weights and breaks ties by id', () => {
    const loads = fairness(
      [
        shift('1', 'z', '2026-12-02', '20:00', 'weeknight'),
        shift('2', 'y', '2026-12-03', '20:00', 'weeknight'),
      ],
      range,
      { ...defaultWeights, weeknight: 1.25 },
    );
    expect(loads.map((l) => [l.professionalId, l.weightedLoad])).toEqual([
      ['y', 1.25],
      ['z', 1.25],
    ]);
  });
});

describe('slotKindFairness', () => {
  const calendar = { timeZone: zone, holidays };
  const worked = (professionalId: string | null, from: [string, string], to: [string, string]) => ({
    professionalId,
    startsAt: at(...from),
    endsAt: at(...to),
  });
  const range = { start: at('2026-01-01', '00:00'), end: at('2027-01-01', '00:00') };

  it('weighs by slot kind from the times, whatever kind a shift was stored with', () => {
    const loads = slotKindFairness(
      [
        worked('a', ['2026-11-28', '20:00'], ['2026-11-29', '08:00']),
        worked('a', ['2026-11-29', '08:00'], ['2026-11-29', '14:00']),
        worked('b', ['2026-12-24', '20:00'], ['2026-12-25', '08:00']),
        worked('b', ['2026-11-24', '20:00'], ['2026-11-25', '00:00']),
        worked(null, ['2026-11-24', '20:00'], ['2026-11-25', '08:00']),
        worked('c', ['2027-01-01', '08:00'], ['2027-01-01', '20:00']),
      ],
      range,
      calendar,
      withDefaultSlotWeights({ christmas_newyear: 4 }),
    );
    // b: Christmas Eve night (4) and a third of a weeknight (20:00–00:00, 4 h of 12).
    expect(loads.map((l) => [l.professionalId, l.count])).toEqual([
      ['b', 2],
      ['a', 2],
    ]);
    expect(loads[0]!.weightedLoad).toBeCloseTo(4 + 1 / 3);
    expect(loads[1]!.weightedLoad).toBeCloseTo(2.25);
    expect(loads[0]!.heavy.christmas).toBe(1);
    expect(loads[1]!.countByKind).toMatchObject({ saturday_night: 1, sunday_holiday_day: 1 });
    expect(loads[1]!.weightByKind.sunday_holiday_day).toBeCloseTo(0.75);
  });
});
