import { describe, expect, it } from 'vitest';
import { isLate, progressOf, returnHomeDue } from './checklist.js';

const at = (iso: string) => new Date(iso);

describe('the return-home checklist', () => {
  it('is due at the expected discharge, else at the discharge, never for a cancelled stay', () => {
    const expected = at('2026-12-03T10:00:00Z');
    const discharged = at('2026-12-02T16:00:00Z');
    expect(
      returnHomeDue({ status: 'admitted', expectedDischargeAt: expected, dischargedAt: null }),
    ).toEqual(expected);
    expect(
      returnHomeDue({ status: 'discharged', expectedDischargeAt: null, dischargedAt: discharged }),
    ).toEqual(discharged);
    expect(
      returnHomeDue({ status: 'cancelled', expectedDischargeAt: expected, dischargedAt: null }),
    ).toBeNull();
    expect(
      returnHomeDue({ status: 'admitted', expectedDischargeAt: null, dischargedAt: null }),
    ).toBeNull();
  });

  it('calls an item late when it is not done by its due date', () => {
    const now = at('2026-12-03T12:00:00Z');
    expect(isLate({ dueAt: at('2026-12-03T10:00:00Z'), doneAt: null }, now)).toBe(true);
    expect(isLate({ dueAt: at('2026-12-03T10:00:00Z'), doneAt: now }, now)).toBe(false);
    expect(isLate({ dueAt: at('2026-12-04T10:00:00Z'), doneAt: null }, now)).toBe(false);
    expect(isLate({ dueAt: null, doneAt: null }, now)).toBe(false);
    expect(
      progressOf(
        [
          { dueAt: at('2026-12-03T10:00:00Z'), doneAt: null },
          { dueAt: at('2026-12-03T10:00:00Z'), doneAt: now },
        ],
        now,
      ),
    ).toEqual({ done: 1, total: 2, late: 1 });
  });
});
