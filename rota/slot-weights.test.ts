import { describe, expect, it } from 'vitest';
import { holidaySet } from './calendar/holidays.js';
import { wallClockToInstant } from './local-time.js';
import {
  classifySlot,
  defaultSlotWeights,
  heavySlotOf,
  shiftKindOfSlot,
  withDefaultSlotWeights,
  type SlotCalendar,
} from './slot-weights.js';

const zone = 'Europe/Paris';
const calendar: SlotCalendar = {
  timeZone: zone,
  holidays: holidaySet(2026, 2028),
  ponts: new Set(['2027-05-07']),
};
const at = (date: string, time: string) => wallClockToInstant(date, time, zone);
const classify = (date: string, start: string, endDate: string, end: string) =>
  classifySlot(at(date, start), at(endDate, end), calendar);

describe('classifySlot: the kind of a slot from its times and the calendar', () => {
  it.each([
    ['2026-11-24', '20:00', '2026-11-25', '08:00', 'weeknight', 1, 'Tuesday night'],
    ['2026-11-27', '20:00', '2026-11-28', '08:00', 'weeknight', 1, 'Friday night, by its evening'],
    ['2026-11-28', '12:00', '2026-11-28', '20:00', 'saturday_afternoon', 1, 'Saturday 12–20'],
    ['2026-11-28', '20:00', '2026-11-29', '08:00', 'saturday_night', 1.5, 'Saturday night'],
    ['2026-11-29', '08:00', '2026-11-29', '20:00', 'sunday_holiday_day', 1.5, 'Sunday day'],
    ['2026-11-29', '20:00', '2026-11-30', '08:00', 'sunday_holiday_night', 2, 'Sunday night'],
    ['2026-11-11', '08:00', '2026-11-11', '20:00', 'sunday_holiday_day', 1.5, 'Armistice'],
    ['2027-05-07', '08:00', '2027-05-07', '20:00', 'sunday_holiday_day', 1.5, 'a confirmed pont'],
    ['2026-12-24', '20:00', '2026-12-25', '08:00', 'christmas_newyear', 3, 'Christmas Eve night'],
    ['2026-12-25', '08:00', '2026-12-25', '20:00', 'christmas_newyear', 3, 'Christmas day'],
    ['2026-12-31', '20:00', '2027-01-01', '08:00', 'christmas_newyear', 3, 'New Year’s Eve'],
  ])('%s %s → %s %s: %s weighs %d (%s)', (d1, t1, d2, t2, kind, weight) => {
    const slot = classify(d1, t1, d2, t2);
    expect(slot.kind).toBe(kind);
    expect(slot.weight).toBeCloseTo(weight);
  });

  it('weighs half-days and cut nights in proportion to their duration', () => {
    expect(classify('2026-11-29', '08:00', '2026-11-29', '14:00').weight).toBeCloseTo(0.75);
    expect(classify('2026-11-28', '20:00', '2026-11-29', '00:00').weight).toBeCloseTo(0.5);
    // The second half of a Saturday night is still the Saturday night.
    const second = classify('2026-11-29', '00:00', '2026-11-29', '08:00');
    expect(second.kind).toBe('saturday_night');
    expect(second.weight).toBeCloseTo(1);
    // A Saturday morning counts at the afternoon's rate: 4 h of the 8 h afternoon.
    expect(classify('2026-11-28', '08:00', '2026-11-28', '12:00').weight).toBeCloseTo(0.5);
  });

  it('weighs a 24 h Sunday as its day plus its night, each in its own kind', () => {
    const slot = classify('2026-11-29', '08:00', '2026-11-30', '08:00');
    expect(slot.weight).toBeCloseTo(3.5);
    expect(slot.weightByKind).toEqual({ sunday_holiday_day: 1.5, sunday_holiday_night: 2 });
    expect(slot.kind).toBe('sunday_holiday_night');
  });

  it('keeps whole nights whole across the DST switches (11 h and 13 h nights)', () => {
    expect(classify('2027-03-27', '20:00', '2027-03-28', '08:00').weight).toBeCloseTo(1.5);
    expect(classify('2026-10-24', '20:00', '2026-10-25', '08:00').weight).toBeCloseTo(1.5);
  });

  it('applies the territory weights, the defaults for kinds it left out', () => {
    const weights = withDefaultSlotWeights({ saturday_night: 2.5 });
    expect(weights).toEqual({ ...defaultSlotWeights, saturday_night: 2.5 });
    const slot = classifySlot(
      at('2026-11-28', '20:00'),
      at('2026-11-29', '08:00'),
      calendar,
      weights,
    );
    expect(slot.weight).toBeCloseTo(2.5);
  });

  it('gives the coarse kind stored on a shift', () => {
    expect(shiftKindOfSlot('saturday_night')).toBe('saturday');
    expect(shiftKindOfSlot('sunday_holiday_day')).toBe('sunday_holiday');
    expect(shiftKindOfSlot('christmas_newyear')).toBe('christmas_newyear');
  });
});

describe('heavySlotOf: the slots that rotate from year to year', () => {
  it.each([
    ['2026-12-24', 'christmas'],
    ['2026-12-25', 'christmas'],
    ['2026-12-31', 'new_year'],
    ['2027-01-01', 'new_year'],
    ['2027-07-14', 'bastille_day'],
    ['2027-08-15', 'assumption'],
    // Easter Monday 2027 (29 March): Saturday to Monday.
    ['2027-03-27', 'long_weekend'],
    ['2027-03-29', 'long_weekend'],
    // Ascension Thursday 6 May 2027: the Friday is a pont, Thursday to Sunday.
    ['2027-05-06', 'long_weekend'],
    ['2027-05-09', 'long_weekend'],
    // 11 November 2026 is a Wednesday: no long weekend; an ordinary weekend neither.
    ['2026-11-11', null],
    ['2026-11-28', null],
    ['2026-11-24', null],
  ])('%s → %s', (date, heavy) => {
    expect(heavySlotOf(date, calendar)).toBe(heavy);
  });

  it('counts the Friday after a Thursday holiday even when the pont is not confirmed', () => {
    expect(heavySlotOf('2026-05-15', { ...calendar, ponts: new Set() })).toBe('long_weekend');
  });

  it('gives a slot the heavy kind of its main piece', () => {
    expect(classify('2026-12-24', '20:00', '2026-12-25', '08:00').heavy).toBe('christmas');
    expect(classify('2027-01-01', '00:00', '2027-01-01', '08:00').heavy).toBe('new_year');
    expect(classify('2026-11-24', '20:00', '2026-11-25', '08:00').heavy).toBeNull();
  });
});
