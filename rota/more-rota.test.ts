import { describe, expect, it } from 'vitest';
import { proposedPonts } from './calendar/ponts.js';
import { fairness } from './fairness.js';
import { icalFeed } from './ical.js';
import type { Shift } from './types.js';

const at = (iso: string) => new Date(iso);
const shift = (professionalId: string, startsAt: string, kind: Shift['kind']): Shift => ({ id: startsAt + professionalId, serviceId: 's', professionalId, startsAt: at(startsAt), endsAt: at(startsAt), level: 1, kind });

describe('fairness', () => {
  it('weighs weeknight < Saturday < Sunday/holiday < Christmas, within the range only', () => {
    const loads = fairness(
      [shift('a', '2026-12-01T19:00:00Z', 'weeknight'), shift('a', '2026-12-05T11:00:00Z', 'saturday'), shift('b', '2026-12-24T19:00:00Z', 'christmas_newyear'), shift('b', '2027-01-10T07:00:00Z', 'sunday_holiday')],
      { start: at('2026-12-01T00:00:00Z'), end: at('2027-01-01T00:00:00Z') },
    );
    expect(loads).toEqual([
      { professionalId: 'b', count: 1, weightedLoad: 3, byKind: { weeknight: 0, saturday: 0, sunday_holiday: 0, christmas_newyear: 1 } },
      { professionalId: 'a', count: 2, weightedLoad: 2.5, byKind: { weeknight: 1, saturday: 1, sunday_holiday: 0, christmas_newyear: 0 } },
    ]);
  });
});

describe('ponts', () => {
  it('proposes the Friday and Saturday after Ascension (a Thursday) and the Monday before a Tuesday holiday', () => {
    const ponts = proposedPonts(2026).map((p) => p.date);
    expect(ponts).toContain('2026-05-15');
    expect(ponts).toContain('2026-05-16');
    // 2027: 11 November is a Thursday, 1 January 2030 a Tuesday.
    expect(proposedPonts(2027).map((p) => p.date)).toContain('2027-11-12');
    expect(proposedPonts(2030).map((p) => p.date)).toContain('2029-12-31');
  });
});

describe('iCal feed', () => {
  it('writes one VEVENT per shift with a stable UID and the edit sequence', () => {
    const text = icalFeed('Garde', 'Europe/Paris', [{ uid: 'shift-1@gardeline', start: at('2026-12-01T19:00:00Z'), end: at('2026-12-02T07:00:00Z'), summary: 'Garde MMG', sequence: 3 }], at('2026-11-24T10:00:00Z'));
    expect(text).toMatch(/BEGIN:VCALENDAR/);
    expect(text).toMatch(/UID:shift-1@gardeline/);
    expect(text).toMatch(/SEQUENCE:3/);
    expect(text).toMatch(/DTSTART:20261201T190000Z/);
    expect(text).toMatch(/X-WR-TIMEZONE:Europe\/Paris/);
    expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(1);
  });
});
