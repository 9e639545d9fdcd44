import { describe, expect, it } from 'vitest';
import { noticeDedupeKey, noticeKindOf, withdrawnMovementId } from './notice-kind.js';

const stay = { expectedDischargeAt: new Date('2026-12-03T10:00:00Z') };
const live = (event: string) => ({ event, cancelledAt: null });

describe('what the GP is told of a movement', () => {
  it('tells admissions, discharges and a new expected discharge', () => {
    expect(noticeKindOf(live('A01'), stay)).toBe('admission');
    expect(noticeKindOf(live('A05'), stay)).toBe('admission');
    expect(noticeKindOf(live('A03'), stay)).toBe('discharge');
    expect(noticeKindOf(live('A16'), stay)).toBe('discharge_expected');
    expect(noticeKindOf(live('A16'), { expectedDischargeAt: null })).toBeNull();
    expect(noticeKindOf(live('A21'), stay)).toBeNull();
  });

  it('withdraws a cancelled admission and corrects a cancelled discharge', () => {
    expect(noticeKindOf(live('A11'), stay)).toBe('withdrawal');
    expect(noticeKindOf(live('A13'), stay)).toBe('correction');
    const cancelled = new Date();
    expect(noticeKindOf({ event: 'A01', cancelledAt: cancelled }, stay)).toBe('withdrawal');
    expect(noticeKindOf({ event: 'A03', cancelledAt: cancelled }, stay)).toBe('correction');
    expect(noticeKindOf({ event: 'A21', cancelledAt: cancelled }, stay)).toBeNull();
  });

  it('sends one withdrawal per withdrawn admission and recipient, whichever movement brings it', () => {
    const ids = (movementId: string, withdrawnId: string) => ({
      stayId: 's',
      movementId,
      entryId: 'e',
      withdrawnId,
    });
    expect(noticeDedupeKey('withdrawal', ids('a11', 'a01'), null)).toBe(
      noticeDedupeKey('withdrawal', ids('a01', 'a01'), null),
    );
    expect(noticeDedupeKey('withdrawal', ids('a11', 'a01'), null)).not.toBe(
      noticeDedupeKey('withdrawal', ids('a11b', 'a01b'), null),
    );
    expect(withdrawnMovementId({ id: 'a11', event: 'A11', detail: { cancels: 'a01' } })).toBe(
      'a01',
    );
    expect(withdrawnMovementId({ id: 'a01', event: 'A01', detail: {} })).toBe('a01');
    expect(noticeDedupeKey('admission', ids('m1', ''), null)).not.toBe(
      noticeDedupeKey('admission', ids('m2', ''), null),
    );
  });
});
