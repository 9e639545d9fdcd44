import { TZDate } from '@date-fns/tz';
import { describe, expect, it } from 'vitest';
import {
  bookableSlots,
  consultationSlots,
  dutyDayOf,
  slotRefusal,
  type ConsultationShift,
} from './consultation-slots.js';

const zone = 'Europe/Paris';
const mmg = { id: 'mmg', slotMinutes: 15, capacity: 1 };
const shift = (startsAt: string, endsAt: string, over: Partial<ConsultationShift> = {}) => ({
  serviceId: 'mmg',
  professionalId: 'dr-a',
  startsAt: new Date(startsAt),
  endsAt: new Date(endsAt),
  level: 1,
  status: 'active' as const,
  ...over,
});
const wall = (d: Date) => {
  const l = new TZDate(d.getTime(), zone);
  return `${String(l.getHours()).padStart(2, '0')}:${String(l.getMinutes()).padStart(2, '0')}`;
};
/** The slots of one night, from a moment before it starts. */
const nightOf = (shifts: ConsultationShift[], now: Date, bookings = []) => {
  const day = dutyDayOf(now, zone);
  return consultationSlots({
    services: [mmg],
    shifts,
    bookings,
    from: day.start,
    to: day.end,
    now,
  });
};

describe('dutyDayOf', () => {
  it('runs from 08:00 to 08:00: a slot after midnight belongs to the evening before', () => {
    const day = dutyDayOf(new Date('2026-11-25T01:30:00Z'), zone);
    expect(day.day).toBe('2026-11-24');
    expect(day.start.toISOString()).toBe('2026-11-24T07:00:00.000Z');
    expect(day.end.toISOString()).toBe('2026-11-25T07:00:00.000Z');
  });
  it('is 25 hours long on the October change and 23 on the March one', () => {
    const autumn = dutyDayOf(new Date('2026-10-24T20:00:00Z'), zone);
    expect(autumn.end.getTime() - autumn.start.getTime()).toBe(25 * 3600_000);
    const spring = dutyDayOf(new Date('2026-03-28T20:00:00Z'), zone);
    expect(spring.end.getTime() - spring.start.getTime()).toBe(23 * 3600_000);
  });
});

describe('consultationSlots', () => {
  it('cuts an evening 20:00–24:00 into sixteen quarter-hours in local time', () => {
    const slots = nightOf(
      [shift('2026-11-24T19:00:00Z', '2026-11-24T23:00:00Z')],
      new Date('2026-11-24T10:00:00Z'),
    );
    expect(slots).toHaveLength(16);
    expect(wall(slots[0]!.startsAt)).toBe('20:00');
    expect(wall(slots[15]!.startsAt)).toBe('23:45');
    expect(slots.every((s) => s.free === 1 && !s.past)).toBe(true);
  });

  it('gives the October night (13 h) 52 slots, with 02:00–02:45 twice', () => {
    // Saturday 24 October 2026 20:00 CEST → Sunday 25 08:00 CET.
    const slots = nightOf(
      [shift('2026-10-24T18:00:00Z', '2026-10-25T07:00:00Z')],
      new Date('2026-10-24T12:00:00Z'),
    );
    expect(slots).toHaveLength(52);
    const labels = slots.map((s) => wall(s.startsAt));
    expect(labels.filter((l) => l === '02:15')).toHaveLength(2);
    expect(labels.at(-1)).toBe('07:45');
    // Twice the same wall time, two distinct places.
    const twice = slots.filter((s) => wall(s.startsAt) === '02:15');
    expect(twice[1]!.startsAt.getTime() - twice[0]!.startsAt.getTime()).toBe(3600_000);
  });

  it('gives the March night (11 h) 44 slots and none at 02:xx', () => {
    // Saturday 28 March 2026 20:00 CET → Sunday 29 08:00 CEST.
    const slots = nightOf(
      [shift('2026-03-28T19:00:00Z', '2026-03-29T06:00:00Z')],
      new Date('2026-03-28T12:00:00Z'),
    );
    expect(slots).toHaveLength(44);
    const labels = slots.map((s) => wall(s.startsAt));
    expect(labels.some((l) => l.startsWith('02:'))).toBe(false);
    expect(labels).toContain('01:45');
    expect(labels).toContain('03:00');
  });

  it('merges a midnight handover and ignores open, backup and cancelled shifts', () => {
    const slots = nightOf(
      [
        shift('2026-11-24T19:00:00Z', '2026-11-24T23:00:00Z'),
        shift('2026-11-24T23:00:00Z', '2026-11-25T00:00:00Z', { professionalId: 'dr-b' }),
        shift('2026-11-25T00:00:00Z', '2026-11-25T01:00:00Z', { professionalId: null }),
        shift('2026-11-25T01:00:00Z', '2026-11-25T02:00:00Z', { level: 2 }),
        shift('2026-11-25T02:00:00Z', '2026-11-25T03:00:00Z', { status: 'cancelled' }),
      ],
      new Date('2026-11-24T10:00:00Z'),
    );
    expect(slots).toHaveLength(20);
    expect(wall(slots.at(-1)!.startsAt)).toBe('00:45');
  });

  it('drops a tail shorter than a slot and follows the service length', () => {
    const slots = consultationSlots({
      services: [{ id: 'mmg', slotMinutes: 20, capacity: 1 }],
      shifts: [shift('2026-11-24T19:00:00Z', '2026-11-24T20:10:00Z')],
      bookings: [],
      from: new Date('2026-11-24T07:00:00Z'),
      to: new Date('2026-11-25T07:00:00Z'),
      now: new Date('2026-11-24T10:00:00Z'),
    });
    expect(slots.map((s) => wall(s.startsAt))).toEqual(['20:00', '20:20', '20:40']);
  });

  it('marks started slots past (never bookable)', () => {
    const slots = nightOf(
      [shift('2026-11-24T19:00:00Z', '2026-11-24T20:00:00Z')],
      new Date('2026-11-24T19:20:00Z'),
    );
    expect(slots.map((s) => s.past)).toEqual([true, true, false, false]);
    expect(bookableSlots(slots).map((s) => wall(s.startsAt))).toEqual(['20:30', '20:45']);
    expect(slotRefusal(slots, 'mmg', new Date('2026-11-24T19:15:00Z'))).toBe('past');
    expect(slotRefusal(slots, 'mmg', new Date('2026-11-24T19:31:00Z'))).toBe('no_such_slot');
  });

  it('counts booked, honoured and no-show places; a cancelled booking frees its place', () => {
    const at = new Date('2026-11-24T19:00:00Z');
    const slots = consultationSlots({
      services: [{ id: 'mmg', slotMinutes: 15, capacity: 2 }],
      shifts: [shift('2026-11-24T19:00:00Z', '2026-11-24T19:30:00Z')],
      bookings: [
        { serviceId: 'mmg', slotStartsAt: at, status: 'booked' },
        { serviceId: 'mmg', slotStartsAt: at, status: 'cancelled' },
        { serviceId: 'other', slotStartsAt: at, status: 'booked' },
      ],
      from: new Date('2026-11-24T07:00:00Z'),
      to: new Date('2026-11-25T07:00:00Z'),
      now: new Date('2026-11-24T10:00:00Z'),
    });
    expect(slots[0]).toMatchObject({ capacity: 2, taken: 1, free: 1 });
    expect(slotRefusal(slots, 'mmg', at)).toBeNull();
    const full = consultationSlots({
      services: [{ id: 'mmg', slotMinutes: 15, capacity: 2 }],
      shifts: [shift('2026-11-24T19:00:00Z', '2026-11-24T19:30:00Z')],
      bookings: [
        { serviceId: 'mmg', slotStartsAt: at, status: 'honoured' },
        { serviceId: 'mmg', slotStartsAt: at, status: 'no_show' },
      ],
      from: new Date('2026-11-24T07:00:00Z'),
      to: new Date('2026-11-25T07:00:00Z'),
      now: new Date('2026-11-24T10:00:00Z'),
    });
    expect(full[0]).toMatchObject({ taken: 2, free: 0 });
    expect(slotRefusal(full, 'mmg', at)).toBe('full');
  });
});
