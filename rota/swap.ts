/**
 * Shift swaps as a pure state machine. A professional offers a future shift; a colleague of
 * the same service takes it; a manager approves or rejects (or the territory auto-approves);
 * the owner may cancel while nobody has taken it. The adapter loads the swap, calls
 * `transitionSwap`, and writes the new state in the same transaction (with a status guard).
 */

export type SwapStatus = 'offered' | 'taken' | 'approved' | 'rejected' | 'cancelled';

export interface SwapState {
  status: SwapStatus;
  shiftId: string;
  serviceId: string;
  /** The professional who offered their shift. */
  offeredBy: string;
  takenBy: string | null;
  /** Start of the shift: nobody takes a shift that has begun. */
  shiftStartsAt: Date;
}

export type SwapEvent =
  | {
      type: 'take';
      professionalId: string;
      serviceIds: readonly string[];
      autoApprove: boolean;
      now: Date;
    }
  | { type: 'approve' }
  | { type: 'reject' }
  | { type: 'cancel'; professionalId: string };

export type SwapErrorCode =
  'not_offered' | 'not_taken' | 'own_shift' | 'not_colleague' | 'already_started' | 'not_owner';

export interface SwapError {
  code: SwapErrorCode;
  /** French first, for the SMS or the page. */
  message: string;
}

export type SwapResult = { ok: true; state: SwapState } | { ok: false; error: SwapError };

const fail = (code: SwapErrorCode, message: string): SwapResult => ({
  ok: false,
  error: { code, message },
});

/** Final states: nothing can happen to the swap any more. */
export function isSwapFinal(status: SwapStatus): boolean {
  return status === 'approved' || status === 'rejected' || status === 'cancelled';
}

/**
 * The next state of a swap after `event`, or a typed error saying why the event is refused.
 * offered → taken (a colleague of the same service, not the owner, before the shift starts;
 * straight to approved when `autoApprove`); taken → approved | rejected; offered → cancelled
 * by the owner. Never mutates `state`.
 */
export function transitionSwap(state: SwapState, event: SwapEvent): SwapResult {
  switch (event.type) {
    case 'take': {
      if (state.status === 'taken' || state.status === 'approved')
        return fail('not_offered', 'Cette garde a déjà été prise.');
      if (state.status !== 'offered')
        return fail('not_offered', `Cette garde n'est plus proposée (état : ${state.status}).`);
      if (event.professionalId === state.offeredBy)
        return fail('own_shift', 'Vous ne pouvez pas reprendre votre propre garde.');
      if (!event.serviceIds.includes(state.serviceId))
        return fail('not_colleague', 'Réservé aux collègues du même service.');
      if (event.now >= state.shiftStartsAt)
        return fail('already_started', 'Cette garde a déjà commencé.');
      return {
        ok: true,
        state: {
          ...state,
          status: event.autoApprove ? 'approved' : 'taken',
          takenBy: event.professionalId,
        },
      };
    }
    case 'approve':
    case 'reject': {
      if (state.status !== 'taken')
        return fail(
          'not_taken',
          `Cet échange n'attend pas de validation (état : ${state.status}).`,
        );
      return {
        ok: true,
        state: { ...state, status: event.type === 'approve' ? 'approved' : 'rejected' },
      };
    }
    case 'cancel': {
      if (event.professionalId !== state.offeredBy)
        return fail('not_owner', 'Seul le professionnel qui a proposé la garde peut annuler.');
      if (state.status !== 'offered')
        return fail(
          'not_offered',
          `Cet échange ne peut plus être annulé (état : ${state.status}).`,
        );
      return { ok: true, state: { ...state, status: 'cancelled' } };
    }
  }
}

/** Who holds the shift once the swap is settled: the taker when approved, else the owner. */
export function swapHolder(state: SwapState): string {
  return state.status === 'approved' && state.takenBy ? state.takenBy : state.offeredBy;
}
