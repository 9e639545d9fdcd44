import { describe, expect, it } from 'vitest';
import { monthBounds, monthlyActivity } from './activity.js';

describe('monthBounds', () => {
  it('runs from local midnight to local midnight, across the change of hour', () => {
    expect(monthBounds('2027-03', 'Europe/Paris')).toEqual({
      since: new Date('2027-02-28T23:00:00Z'),
      until: new Date('2027-03-31T22:00:00Z'),
    });
    expect(monthBounds('2026-12', 'America/Martinique').until).toEqual(
      new Date('2027-01-01T04:00:00Z'),
    );
  });
});

describe('monthlyActivity', () => {
  it('counts nothing as regulated in an empty month, with no wait', () => {
    const a = monthlyActivity({
      month: '2026-11',
      calls: [],
      fiches: [{ decision: 'home_visit', completed: false }],
      bookings: [],
      callbacks: [],
      now: new Date('2026-12-01T00:00:00Z'),
    });
    expect(a.regulated).toBe(0);
    expect(a.medianWaitBeforeRegulator).toBeNull();
    // An unfinished fiche's draft decision is not a decision yet.
    expect(a.decisions.home_visit).toBe(0);
    expect(a.fichesUnfinished).toBe(1);
  });
});
