import type { StayNoticeKind } from '../../../db/schema/index.js';

const admissions = new Set(['A01', 'A04', 'A05']);
const discharges = new Set(['A03']);
/** Events that only update the expected discharge (pending discharge, patient update). */
const updates = new Set(['A08', 'A16']);

export interface MovementFacts {
  event: string;
  cancelledAt: Date | null;
}

/**
 * What the GP is told of one movement. A cancellation (A11 of an admission, A13 of a discharge),
 * or a movement the hospital has since cancelled, withdraws or corrects what was said. Leave and
 * return (A21/A22) and a cancelled transfer change nothing the GP must act on: no notice, the
 * page shows them.
 */
export function noticeKindOf(
  movement: MovementFacts,
  stay: { expectedDischargeAt: Date | null },
): StayNoticeKind | null {
  if (movement.event === 'A11') return 'withdrawal';
  if (movement.event === 'A13') return 'correction';
  if (movement.cancelledAt) {
    if (admissions.has(movement.event)) return 'withdrawal';
    if (discharges.has(movement.event)) return 'correction';
    return null;
  }
  if (admissions.has(movement.event)) return 'admission';
  if (discharges.has(movement.event)) return 'discharge';
  if (updates.has(movement.event) && stay.expectedDischargeAt) return 'discharge_expected';
  return null;
}

/**
 * The admission a withdrawal withdraws: the movement an A11 cancelled (its detail.cancels), or
 * the cancelled admission itself.
 */
export function withdrawnMovementId(movement: {
  id: string;
  event: string;
  detail: Record<string, unknown>;
}): string {
  const cancels = movement.detail['cancels'];
  return movement.event === 'A11' && typeof cancels === 'string' ? cancels : movement.id;
}

/**
 * One notice per (movement, recipient, kind). A withdrawal is keyed by the admission it
 * withdraws, not by the stay: the A11 and the cancelled A01 each reaching the job still send one
 * withdrawal, and a second admission cancelled later (A01 A11 A01 A11) gets its own.
 */
export function noticeDedupeKey(
  kind: StayNoticeKind,
  ids: { stayId: string; movementId: string; entryId: string; withdrawnId?: string },
  expectedDischargeAt: Date | null,
): string {
  if (kind === 'withdrawal')
    return `withdrawal:${ids.withdrawnId ?? ids.movementId}:${ids.entryId}`;
  if (kind === 'discharge_expected')
    return `expected:${ids.stayId}:${ids.entryId}:${expectedDischargeAt?.toISOString() ?? ''}`;
  return `${kind}:${ids.movementId}:${ids.entryId}`;
}
