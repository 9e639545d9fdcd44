import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { holidaySet } from './calendar/holidays.js';
import { addDays, weekdayOf } from './calendar/local-date.js';
import { isPdsaTime, pdsaPeriods, type PdsaCalendar } from './calendar/pdsa.js';
import { coverageGaps } from './gaps.js';
import { wallClockToInstant } from './local-time.js';
import {
  expandShiftTemplate,
  expandTemplate,
  slotsForDate,
  type TemplateSlot,
} from './shift-template.js';
import { defaultGrid, splitNightGrid, validateTemplate } from './template-check.js';
import type { Shift } from './types.js';

const zone = 'Europe/Paris';
const holidays = holidaySet(2025, 2031);
const calendar: PdsaCalendar = {
  timeZone: zone,
  holidays,
  ponts: new Set(['2026-05-15']),
  saturdayAfternoon: true,
};
const hours = (s: { startsAt: Date; endsAt: Date }) =>
  (s.endsAt.getTime() - s.startsAt.getTime()) / 3600_000;
const names = (date: string, slots: TemplateSlot[], cal = calendar) =>
  slotsForDate(slots, date, cal).map((s) => s.name);

describe('holiday and pont precedence', () => {
  it.each([
    ['2026-11-10', ['nuit'], 'a plain Tuesday'],
    ['2026-11-14', ['nuit', 'samedi'], 'a plain Saturday'],
    ['2026-11-15', ['nuit', 'jour'], 'a Sunday'],
    ['2026-11-11', ['nuit', 'jour'], 'a Wednesday holiday takes the Sunday day slot'],
    ['2026-08-15', ['nuit', 'jour'], 'a Saturday holiday: jour 08–20 replaces samedi 12–20'],
    ['2026-05-15', ['nuit', 'jour'], 'a confirmed pont'],
  ])('%s → %j (%s)', (date, expected) => {
    expect(names(date, defaultGrid())).toEqual(expected);
  });

  it('keeps the night on a holiday even when the night slot does not list "holiday"', () => {
    const grid: TemplateSlot[] = [
      {
        name: 'nuit',
        days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
        start: '20:00',
        end: '08:00',
        levels: 1,
        kind: 'weeknight',
      },
      {
        name: 'jour',
        days: ['sun', 'holiday'],
        start: '08:00',
        end: '20:00',
        levels: 1,
        kind: 'sunday_holiday',
      },
    ];
    expect(names('2026-11-11', grid)).toEqual(['nuit', 'jour']);
    // No slot lists 'pont': a confirmed pont borrows the holiday slots.
    expect(names('2026-05-15', grid)).toEqual(['nuit', 'jour']);
  });

  it('prefers "pont" slots on a pont when the template has them', () => {
    const grid: TemplateSlot[] = [
      ...defaultGrid(),
      {
        name: 'pont-matin',
        days: ['pont'],
        start: '08:00',
        end: '12:00',
        levels: 1,
        kind: 'saturday',
      },
    ];
    const withPont = grid.map((s) =>
      s.name === 'jour' ? { ...s, days: ['sun', 'holiday'] as TemplateSlot['days'] } : s,
    );
    expect(names('2026-05-15', withPont)).toEqual(['nuit', 'pont-matin']);
  });
});

describe('expandTemplate', () => {
  it('makes the 20:00 → 08:00 night 11 h into the last Sunday of March and 13 h into the last Sunday of October', () => {
    const night = (date: string) =>
      expandTemplate('svc', defaultGrid(), date, date, calendar).find((s) =>
        s.key.includes('|nuit|'),
      )!;
    expect(hours(night('2027-03-27'))).toBe(11);
    expect(hours(night('2026-10-24'))).toBe(13);
    expect(hours(night('2026-11-24'))).toBe(12);
  });

  it('expands the split night 20–24 + 00–08 back to back, DST night included', () => {
    const slots = expandTemplate('svc', splitNightGrid(), '2026-10-24', '2026-10-25', calendar);
    const soir = slots.find((s) => s.key === 'svc|2026-10-24|soir|1')!;
    const deep = slots.find((s) => s.key === 'svc|2026-10-25|nuit-profonde|1')!;
    expect(soir.endsAt).toEqual(deep.startsAt);
    expect(hours(soir)).toBe(4);
    expect(hours(deep)).toBe(9);
  });

  it('gives stable keys, one slot per level, and marks 24–25 Dec and 31 Dec–1 Jan as christmas_newyear', () => {
    const slots = expandShiftTemplate(
      { serviceId: 'mmg', slots: defaultGrid(2) },
      { from: '2026-12-23', to: '2027-01-02' },
      calendar,
    );
    expect(slots.filter((s) => s.localDate === '2026-12-25').map((s) => s.key)).toEqual([
      'mmg|2026-12-25|nuit|1',
      'mmg|2026-12-25|nuit|2',
      'mmg|2026-12-25|jour|1',
      'mmg|2026-12-25|jour|2',
    ]);
    const festive = new Set(
      slots.filter((s) => s.kind === 'christmas_newyear').map((s) => s.localDate),
    );
    expect([...festive]).toEqual(['2026-12-24', '2026-12-25', '2026-12-31', '2027-01-01']);
  });

  it.each([
    ['default', defaultGrid(2)],
    ['split night', splitNightGrid(2)],
  ])(
    '%s grid: per level no overlap, no hole in PDSA time, nothing outside it (random ranges and ponts)',
    (_name, grid) => {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 365 * 4 }),
          fc.integer({ min: 1, max: 45 }),
          fc.array(fc.integer({ min: 0, max: 44 }), { maxLength: 4 }),
          fc.boolean(),
          (offset, days, pontOffsets, saturdayAfternoon) => {
            const from = addDays('2026-01-01', offset);
            const to = addDays(from, days);
            // A pont is a weekday or Saturday that is not a holiday.
            const ponts = new Set(
              pontOffsets
                .map((d) => addDays(from, d))
                .filter((d) => weekdayOf(d) !== 'sun' && !holidays.has(d)),
            );
            // Without Saturday afternoon in PDSA, the template has no Saturday slot.
            const slotsGrid = saturdayAfternoon ? grid : grid.filter((s) => s.name !== 'samedi');
            const cal: PdsaCalendar = { timeZone: zone, holidays, ponts, saturdayAfternoon };
            const slots = expandTemplate('svc', slotsGrid, from, to, cal);
            for (const level of [1, 2]) {
              const mine = slots
                .filter((s) => s.level === level)
                .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
              for (let i = 1; i < mine.length; i += 1)
                expect(mine[i]!.startsAt.getTime()).toBeGreaterThanOrEqual(
                  mine[i - 1]!.endsAt.getTime(),
                );
            }
            for (const s of slots) {
              expect(s.endsAt.getTime()).toBeGreaterThan(s.startsAt.getTime());
              expect(
                isPdsaTime(s.startsAt, cal) &&
                  isPdsaTime(new Date(s.endsAt.getTime() - 60_000), cal),
              ).toBe(true);
            }
            const range = {
              start: wallClockToInstant(from, '08:00', zone),
              end: wallClockToInstant(to, '20:00', zone),
            };
            const asShifts: Shift[] = slots.map((s) => ({
              id: s.key,
              serviceId: 'svc',
              professionalId: 'x',
              startsAt: s.startsAt,
              endsAt: s.endsAt,
              level: s.level,
            }));
            expect(coverageGaps(pdsaPeriods(range, cal), asShifts, 2)).toEqual([]);
          },
        ),
        { numRuns: 60 },
      );
    },
  );
});

describe('validateTemplate', () => {
  it('accepts the usual grids', () => {
    expect(validateTemplate(defaultGrid(2))).toEqual([]);
    expect(validateTemplate(splitNightGrid())).toEqual([]);
  });

  it('reports bad times, levels, names and overlapping slots, in French', () => {
    const errors = validateTemplate([
      { name: 'nuit', days: ['mon'], start: '25:00', end: '08:00', levels: 0, kind: 'weeknight' },
      { name: 'nuit', days: [], start: '20:00', end: '08:00', levels: 1, kind: 'weeknight' },
    ]);
    expect(errors.map((e) => e.message)).toEqual([
      'créneau « nuit » : heure de début invalide « 25:00 »',
      'créneau « nuit » : nombre de niveaux invalide « 0 » (1 à 9)',
      'créneau « nuit » : nom déjà utilisé',
      'créneau « nuit » : aucun jour',
    ]);
    const overlapping = validateTemplate([
      ...defaultGrid(),
      { name: 'soirée', days: ['sat'], start: '18:00', end: '22:00', levels: 1, kind: 'saturday' },
    ]);
    expect(overlapping.map((e) => e.message)).toEqual([
      'créneaux « nuit » et « soirée » se chevauchent (sat)',
      'créneaux « samedi » et « soirée » se chevauchent (sat)',
    ]);
  });
});
