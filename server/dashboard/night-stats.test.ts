import { describe, expect, it } from 'vitest';
import { callbackDeadlines, lastNights, nightOf, quantile } from './night-stats.js';

const zone = 'Europe/Paris';

describe('nightOf: the 08:00 local boundary', () => {
  it('counts 07:59 local for the evening before and 08:00 for the same day', () => {
    expect(nightOf(new Date('2026-11-24T06:59:00Z'), zone)).toBe('2026-11-23'); // 07:59 CET
    expect(nightOf(new Date('2026-11-24T07:00:00Z'), zone)).toBe('2026-11-24'); // 08:00 CET
    expect(nightOf(new Date('2026-11-24T22:30:00Z'), zone)).toBe('2026-11-24'); // 23:30 CET
  });
  it('follows local time across the summer-time change, not a fixed UTC offset', () => {
    // 29 March 2026, CEST: 07:30 local is 05:30Z, 08:30 local is 06:30Z.
    expect(nightOf(new Date('2026-03-29T05:30:00Z'), zone)).toBe('2026-03-28');
    expect(nightOf(new Date('2026-03-29T06:30:00Z'), zone)).toBe('2026-03-29');
  });
  it('lists the last nights oldest first, ending with the current one', () => {
    expect(lastNights(new Date('2026-11-24T05:00:00Z'), zone, 3)).toEqual([
      '2026-11-21',
      '2026-11-22',
      '2026-11-23',
    ]);
  });
});

describe('quantile (nearest rank)', () => {
  it('gives the median and p90 of unsorted values, null for none', () => {
    expect(quantile([30, 10, 20], 0.5)).toBe(20);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2);
    expect(
      quantile(
        Array.from({ length: 10 }, (_, i) => 10 - i),
        0.9,
      ),
    ).toBe(9);
    expect(quantile([5], 0.9)).toBe(5);
    expect(quantile([], 0.5)).toBeNull();
  });
});

describe('callbackDeadlines', () => {
  it('separates done in time, done late, not done, and still open before the deadline', () => {
    const now = new Date('2026-11-24T12:00:00Z');
    const due = new Date('2026-11-24T10:00:00Z');
    const later = new Date('2026-11-24T13:00:00Z');
    expect(
      callbackDeadlines(
        [
          { status: 'done', dueBy: due, completedAt: new Date('2026-11-24T09:00:00Z') },
          { status: 'done', dueBy: due, completedAt: new Date('2026-11-24T11:00:00Z') },
          { status: 'failed', dueBy: due, completedAt: null },
          { status: 'pending', dueBy: due, completedAt: null },
          { status: 'pending', dueBy: later, completedAt: null },
        ],
        now,
      ),
    ).toEqual({ inTime: 1, late: 1, notDone: 2, open: 1 });
  });
});
