import { describe, expect, it } from 'vitest';
import { proposeAutoFill, type AutoFillInput } from './auto-fill.js';
import { holidaySet } from './calendar/holidays.js';
import type { PdsaCalendar } from './calendar/pdsa.js';
import { wallClockToInstant } from './local-time.js';
import { expandTemplate, type TemplateSlot } from './shift-template.js';
import type { Shift } from './types.js';

const zone = 'Europe/Paris';
const calendar: PdsaCalendar = {
  timeZone: zone,
  holidays: holidaySet(2025, 2028),
  ponts: new Set(),
  saturdayAfternoon: true,
};
const at = (date: string, time: string) => wallClockToInstant(date, time, zone);
const ids = Array.from({ length: 10 }, (_, i) => `p${i}`);
const nights: TemplateSlot[] = [
  {
    name: 'nuit',
    days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'holiday', 'pont'],
    start: '20:00',
    end: '08:00',
    levels: 1,
    kind: 'weeknight',
  },
];

/** One December–early January of nights, given what was worked before. */
function season(year: number, existingShifts: Shift[]) {
  const openSlots = expandTemplate('svc', nights, `${year}-12-01`, `${year + 1}-01-05`, calendar);
  const input: AutoFillInput = {
    openSlots,
    professionalIds: ids,
    existingShifts,
    unavailability: [],
    maxPerMonth: 6,
    minRestHours: 11,
    timeZone: zone,
    calendar,
    loadSince: at(`${year - 1}-12-01`, '00:00'),
  };
  const proposal = proposeAutoFill(input);
  const bySlot = new Map(openSlots.map((s) => [s.key, s]));
  return proposal.assignments.map((a): Shift => {
    const slot = bySlot.get(a.slotKey)!;
    return {
      id: a.slotKey,
      serviceId: 'svc',
      professionalId: a.professionalId,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      level: 1,
    };
  });
}
const onNight = (shifts: Shift[], date: string) =>
  shifts.find((s) => s.startsAt.getTime() === at(date, '20:00').getTime())?.professionalId;

describe('auto-fill over the years (pure)', () => {
  it('rotates Christmas and New Year: last year’s holders are asked last', () => {
    const first = season(2026, []);
    const second = season(2027, first);
    const third = season(2028, [...first, ...second]);
    for (const date of ['12-24', '12-25', '12-31']) {
      expect(onNight(second, `2027-${date}`)).not.toBe(onNight(first, `2026-${date}`));
      expect(onNight(third, `2028-${date}`)).not.toBe(onNight(second, `2027-${date}`));
    }
    expect(onNight(second, '2028-01-01')).not.toBe(onNight(first, '2027-01-01'));
  });

  it('does not give every tie to the smallest id', () => {
    const first = season(2026, []);
    const festive = ['12-24', '12-25', '12-31'].map((d) => onNight(first, `2026-${d}`));
    expect(festive).not.toEqual(['p0', 'p1', 'p2']);
    expect(season(2026, [])).toEqual(first);
  });

  it('never proposes someone over a shift they hold on another service, and weighs it', () => {
    const busy: Shift = {
      id: 'kine',
      serviceId: 'kine',
      professionalId: 'p3',
      startsAt: at('2026-12-01', '08:00'),
      endsAt: at('2026-12-08', '08:00'),
      level: 1,
    };
    const shifts = season(2026, [busy]);
    const week = shifts.filter((s) => s.startsAt < busy.endsAt);
    expect(week.length).toBeGreaterThan(0);
    expect(week.map((s) => s.professionalId)).not.toContain('p3');
    const count = (id: string) => shifts.filter((s) => s.professionalId === id).length;
    expect(count('p3')).toBeLessThan(Math.min(...ids.filter((id) => id !== 'p3').map(count)));
  });

  it('reports a slot nobody free can take as busy', () => {
    const slot = expandTemplate('svc', nights, '2026-12-02', '2026-12-02', calendar);
    const proposal = proposeAutoFill({
      openSlots: slot,
      professionalIds: ['p0'],
      existingShifts: [
        {
          id: 'x',
          serviceId: 'kine',
          professionalId: 'p0',
          startsAt: at('2026-12-02', '18:00'),
          endsAt: at('2026-12-03', '09:00'),
          level: 1,
        },
      ],
      unavailability: [],
      maxPerMonth: 6,
      minRestHours: 11,
      timeZone: zone,
      calendar,
    });
    expect(proposal.unfilled.map((u) => u.code)).toEqual(['busy']);
  });
});
