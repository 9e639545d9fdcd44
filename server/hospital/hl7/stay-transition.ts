import type { AdtMovement } from './adt-message.js';

export type StayStatus = 'pre_admitted' | 'admitted' | 'on_leave' | 'discharged' | 'cancelled';

export interface StayDates {
  status: StayStatus;
  admittedAt: Date | null;
  dischargedAt: Date | null;
  expectedDischargeAt: Date | null;
}

/** A movement's effect on the stay, and which earlier movement it cancels (A11, A13). */
export interface StayTransition {
  next: StayDates;
  cancels: { events: string[] } | null;
}

/** The earlier movements a cancellation may cancel: the latest one of these, or the one ZBE-1 names. */
const cancelled = { A11: ['A01', 'A04', 'A05'], A13: ['A03'] } as const;

/**
 * What an ADT event of IHE PAM France does to a stay (null: the stay is new). Messages are
 * applied in the order they arrive, as the hospital sends them: no transition is refused, so a
 * late or out-of-order message still leaves the stay as the hospital last described it.
 */
export function stayTransition(stay: StayDates | null, adt: AdtMovement): StayTransition {
  const was: StayDates = stay ?? {
    status: 'pre_admitted',
    admittedAt: null,
    dischargedAt: null,
    expectedDischargeAt: null,
  };
  const expectedDischargeAt = adt.expectedDischargeAt ?? was.expectedDischargeAt;
  const keep = { ...was, expectedDischargeAt };
  switch (adt.event) {
    case 'A05':
      return { next: { ...keep, status: 'pre_admitted' }, cancels: null };
    case 'A01':
    case 'A04':
      return {
        next: {
          ...keep,
          status: 'admitted',
          admittedAt: adt.admittedAt ?? adt.occurredAt,
          dischargedAt: null,
        },
        cancels: null,
      };
    case 'A21':
      return { next: { ...keep, status: 'on_leave' }, cancels: null };
    case 'A22':
      return { next: { ...keep, status: 'admitted' }, cancels: null };
    case 'A03':
      return {
        next: { ...keep, status: 'discharged', dischargedAt: adt.dischargedAt ?? adt.occurredAt },
        cancels: null,
      };
    case 'A11':
      return { next: { ...keep, status: 'cancelled' }, cancels: { events: [...cancelled.A11] } };
    case 'A13':
      return {
        next: { ...keep, status: 'admitted', dischargedAt: null },
        cancels: { events: [...cancelled.A13] },
      };
  }
}

/** A cancellation of a stay we never heard of has nothing to cancel: stored, acknowledged, no stay. */
export const cancelsUnknownStay = (stay: StayDates | null, adt: AdtMovement) =>
  stay === null && (adt.event === 'A11' || adt.event === 'A13');
