import { describe, expect, it } from 'vitest';
import { isSwapFinal, swapHolder, transitionSwap, type SwapEvent, type SwapState } from './swap.js';

const offered: SwapState = {
  status: 'offered',
  shiftId: 'sh1',
  serviceId: 'mmg',
  offeredBy: 'ann',
  takenBy: null,
  shiftStartsAt: new Date('2026-12-01T19:00:00Z'),
};
const before = new Date('2026-11-30T10:00:00Z');
const take = (over: Partial<Extract<SwapEvent, { type: 'take' }>> = {}): SwapEvent => ({
  type: 'take',
  professionalId: 'bob',
  serviceIds: ['mmg'],
  autoApprove: false,
  now: before,
  ...over,
});

describe('transitionSwap', () => {
  it('offered → taken → approved hands the shift to the taker', () => {
    const taken = transitionSwap(offered, take());
    expect(taken).toMatchObject({ ok: true, state: { status: 'taken', takenBy: 'bob' } });
    if (!taken.ok) return;
    const approved = transitionSwap(taken.state, { type: 'approve' });
    expect(approved.ok && approved.state.status).toBe('approved');
    expect(approved.ok && swapHolder(approved.state)).toBe('bob');
    expect(offered.status).toBe('offered');
  });

  it('auto-approves when the territory says so, and a rejection leaves the owner on duty', () => {
    expect(transitionSwap(offered, take({ autoApprove: true }))).toMatchObject({
      ok: true,
      state: { status: 'approved', takenBy: 'bob' },
    });
    const taken = transitionSwap(offered, take());
    const rejected = taken.ok ? transitionSwap(taken.state, { type: 'reject' }) : taken;
    expect(rejected.ok && swapHolder(rejected.state)).toBe('ann');
  });

  it.each([
    ['the owner takes back', offered, take({ professionalId: 'ann' }), 'own_shift'],
    ['someone of another service', offered, take({ serviceIds: ['pharma'] }), 'not_colleague'],
    [
      'after the shift started',
      offered,
      take({ now: new Date('2026-12-01T19:00:00Z') }),
      'already_started',
    ],
    [
      'taking twice',
      { ...offered, status: 'taken', takenBy: 'bob' },
      take({ professionalId: 'cid' }),
      'not_offered',
    ],
    ['approving an offer nobody took', offered, { type: 'approve' }, 'not_taken'],
    [
      'rejecting a cancelled swap',
      { ...offered, status: 'cancelled' },
      { type: 'reject' },
      'not_taken',
    ],
    ['cancelling by someone else', offered, { type: 'cancel', professionalId: 'bob' }, 'not_owner'],
    [
      'cancelling once taken',
      { ...offered, status: 'taken', takenBy: 'bob' },
      { type: 'cancel', professionalId: 'ann' },
      'not_offered',
    ],
  ] as [string, SwapState, SwapEvent, string][])('refuses %s', (_what, state, event, code) => {
    const result = transitionSwap(state, event);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe(code);
      expect(result.error.message.length).toBeGreaterThan(10);
    }
  });

  it('lets the owner cancel an open offer; final states are final', () => {
    const cancelled = transitionSwap(offered, { type: 'cancel', professionalId: 'ann' });
    expect(cancelled.ok && cancelled.state.status).toBe('cancelled');
    expect(
      ['offered', 'taken', 'approved', 'rejected', 'cancelled'].filter((s) =>
        isSwapFinal(s as SwapState['status']),
      ),
    ).toEqual(['approved', 'rejected', 'cancelled']);
  });
});
