import { describe, expect, it } from 'vitest';
import { holidaySet } from './calendar/holidays.js';
import { pdsaPeriods, type PdsaCalendar } from './calendar/pdsa.js';
import { proposeAutoFill } from './auto-fill.js';
import { coverageGaps } from './gaps.js';
import { expandTemplate, type TemplateSlot } from './shift-template.js';
import { wallClockToInstant } from './local-time.js';
import type { Shift } from './types.js';

const calendar: PdsaCalendar = { timeZone: 'Europe/Paris', holidays: holidaySet(2026, 2027), ponts: new Set(), saturdayAfternoon: true };
const grid: TemplateSlot[] = [
  { name: 'nuit', days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'holiday', 'pont'], start: '20:00', end: '08:00', levels: 1, kind: 'weeknight' },
  { name: 'samedi', days: ['sat'], start: '12:00', end: '20:00', levels: 1, kind: 'saturday' },
  { name: 'jour', days: ['sun', 'holiday', 'pont'], start: '08:00', end: '20:00', levels: 1, kind: 'sunday_holiday' },
];
const hours = (s: { startsAt: Date; endsAt: Date }) => (s.endsAt.getTime() - s.startsAt.getTime()) / 3600_000;

describe('expandTemplate', () => {
  it('makes the DST nights 11 h and 13 h', () => {
    const spring = expandTemplate('svc', grid, '2027-03-27', '2027-03-27', calendar).find((s) => s.key.includes('nuit'))!;
    const autumn = expandTemplate('svc', grid, '2026-10-24', '2026-10-24', calendar).find((s) => s.key.includes('nuit'))!;
    expect(hours(spring)).toBe(11);
    expect(hours(autumn)).toBe(13);
  });

  it('gives a holiday weekday the Sunday grid (11 November 2026 is a Wednesday)', () => {
    expect(expandTemplate('svc', grid, '2026-11-11', '2026-11-11', calendar).map((s) => s.key.split('|')[2])).toEqual(['nuit', 'jour']);
    expect(expandTemplate('svc', grid, '2026-11-12', '2026-11-12', calendar).map((s) => s.key.split('|')[2])).toEqual(['nuit']);
  });

  it('marks Christmas and New Year as the heaviest kind', () => {
    expect(expandTemplate('svc', grid, '2026-12-25', '2026-12-25', calendar).every((s) => s.kind === 'christmas_newyear')).toBe(true);
  });

  it('covers every PDSA minute of a quarter with no overlap and no hole', () => {
    const slots = expandTemplate('svc', grid, '2026-10-01', '2026-12-31', calendar);
    const sorted = [...slots].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    for (let i = 1; i < sorted.length; i += 1) expect(sorted[i]!.startsAt.getTime()).toBeGreaterThanOrEqual(sorted[i - 1]!.endsAt.getTime());
    const range = { start: wallClockToInstant('2026-10-01', '20:00', 'Europe/Paris'), end: wallClockToInstant('2026-12-31', '20:00', 'Europe/Paris') };
    const asShifts: Shift[] = slots.map((s) => ({ id: s.key, serviceId: 'svc', professionalId: 'x', startsAt: s.startsAt, endsAt: s.endsAt, level: s.level }));
    expect(coverageGaps(pdsaPeriods(range, calendar), asShifts, 1)).toEqual([]);
  });
});

describe('coverageGaps', () => {
  it('reports a night without a primary and a missing backup level', () => {
    const range = { start: wallClockToInstant('2026-11-24', '20:00', 'Europe/Paris'), end: wallClockToInstant('2026-11-25', '08:00', 'Europe/Paris') };
    const mid = new Date((range.start.getTime() + range.end.getTime()) / 2);
    const shifts: Shift[] = [{ id: '1', serviceId: 's', professionalId: 'a', startsAt: range.start, endsAt: mid, level: 1 }];
    const gaps = coverageGaps(pdsaPeriods(range, calendar), shifts, 2);
    expect(gaps).toEqual([
      { start: range.start, end: mid, missingLevels: [2] },
      { start: mid, end: range.end, missingLevels: [1, 2] },
    ]);
  });
});

describe('proposeAutoFill', () => {
  const slots = expandTemplate('svc', grid, '2026-11-01', '2026-11-30', calendar);
  const ids = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'];

  it('fills every slot, respecting leave, the monthly maximum and the rest between shifts', () => {
    const leave = { professionalId: 'p1', startsAt: wallClockToInstant('2026-11-10', '00:00', 'Europe/Paris'), endsAt: wallClockToInstant('2026-11-20', '00:00', 'Europe/Paris') };
    const proposal = proposeAutoFill({ openSlots: slots, professionalIds: ids, existingShifts: [], unavailability: [leave], maxPerMonth: 10, minRestHours: 11, timeZone: 'Europe/Paris' });
    expect(proposal.unfilled).toEqual([]);
    const byKey = new Map(slots.map((s) => [s.key, s]));
    const per = new Map<string, { startsAt: Date; endsAt: Date }[]>();
    for (const a of proposal.assignments) per.set(a.professionalId, [...(per.get(a.professionalId) ?? []), byKey.get(a.slotKey)!]);
    for (const [id, list] of per) {
      expect(list.length).toBeLessThanOrEqual(10);
      const sorted = list.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
      for (let i = 1; i < sorted.length; i += 1) expect(sorted[i]!.startsAt.getTime() - sorted[i - 1]!.endsAt.getTime()).toBeGreaterThanOrEqual(11 * 3600_000);
      if (id === 'p1') expect(list.every((s) => s.endsAt <= leave.startsAt || s.startsAt >= leave.endsAt)).toBe(true);
    }
    const counts = [...per.values()].map((l) => l.length);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(3);
  });

  it('leaves a slot unfilled, with a reason, rather than break a rule', () => {
    const proposal = proposeAutoFill({ openSlots: slots, professionalIds: ['p1'], existingShifts: [], unavailability: [], maxPerMonth: 4, minRestHours: 11, timeZone: 'Europe/Paris' });
    expect(proposal.assignments).toHaveLength(4);
    expect(proposal.unfilled.length).toBe(slots.length - 4);
  });
});
