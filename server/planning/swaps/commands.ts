import { recordAudit, type Actor as AuditActor } from '../../platform/audit.js';
import { transitionSwap, type SwapError, type SwapState } from '../../../rota/swap.js';
import {
  auditActorOf,
  canManageTerritory,
  canReadTerritory,
  type Actor,
} from '../../access/actor.js';
import type { AppDeps } from '../../platform/deps.js';
import { conflict, forbidden, notFound } from '../../platform/http-errors.js';
import { managerWriter, writeShifts, type ShiftWriter } from '../shifts/commands.js';
import { shiftWithTerritory, type ShiftRow } from '../shifts/store.js';
import { freeSwapCode } from '../../sms/swap-replies-attempts.js';
import { handOverNotices, writeSwapNotices, type SwapEvent } from './notices.js';
import {
  insertSwap,
  isServiceMember,
  moveSwapOn,
  swapWithShift,
  territoryOfProfessional,
  type SwapRow,
} from './store.js';

type SwapDeps = Pick<AppDeps, 'db' | 'now' | 'onShiftChanged' | 'jobs' | 'logger' | 'config'>;

/** A colleague taking a swap: the swap's own rules (same service, not begun) said yes. */
const colleagueWriter = (audit: AuditActor): ShiftWriter => ({
  audit,
  sees: () => true,
  manages: () => true,
});

/**
 * A manager approves (the shift is reassigned in the same transaction) or rejects a swap a
 * colleague has taken. Audited; reminders follow the shift's new version.
 */
export async function decideSwap(
  deps: SwapDeps,
  actor: Actor,
  swapId: string,
  decision: 'approve' | 'reject',
): Promise<void> {
  const notices = await writeShifts(deps, async ({ tx, write }) => {
    const row = await swapWithShift(tx, swapId);
    // Another territory's swap answers as an unknown one.
    if (!row || !canReadTerritory(actor, row.territory.id)) throw notFound('Échange');
    if (!canManageTerritory(actor, row.territory.id)) throw forbidden();
    const next = transitionSwap(swapStateOf(row.swap, row.shift), { type: decision });
    if (!next.ok) throw refusal(next.error);
    const after = await moveSwapOn(tx, row.swap.id, row.swap.status, {
      status: next.state.status,
      decidedBy: actor.userId,
      decidedAt: deps.now(),
    });
    if (!after) throw conflict("Cet échange vient d'être décidé par quelqu'un d'autre.");
    if (next.state.status === 'approved')
      await write(managerWriter(actor), {
        shiftId: row.swap.shiftId,
        professionalId: row.swap.takenBy,
      });
    await recordAudit(tx, auditActorOf(actor), {
      action: `swap.${decision}`,
      entity: 'swap_request',
      entityId: row.swap.id,
      territoryId: row.territory.id,
      before: row.swap,
      after,
    });
    const event = decision === 'approve' ? 'approved' : 'rejected';
    return writeSwapNotices(tx, { ...row, swap: after }, event, deps.now(), canEmail(deps));
  });
  await handOverNotices(deps, notices);
}

/** A professional offers one of their own future shifts to colleagues of the same service. */
export async function offerSwap(
  deps: SwapDeps,
  actor: Actor,
  shiftId: string,
): Promise<{ id: string; code: string; colleagues: number }> {
  return offerShift(
    deps,
    { professionalId: actor.professionalId, audit: auditActorOf(actor) },
    shiftId,
  );
}

/**
 * The one door of an offer (web, API, SMS): the swap, its audit and its notices to the
 * colleagues free to take it, in one transaction. Returns how many colleagues are told.
 */
export async function offerShift(
  deps: SwapDeps,
  offerer: { professionalId: string | null; audit: AuditActor },
  shiftId: string,
): Promise<{ id: string; code: string; colleagues: number }> {
  const { result, notices } = await deps.db.db.transaction(async (tx) => {
    const row = await shiftWithTerritory(tx, shiftId);
    if (!row || row.shift.status !== 'active') throw notFound('Garde');
    const owner = row.shift.professionalId;
    if (!owner || owner !== offerer.professionalId)
      throw forbidden('Seul le professionnel de garde peut proposer sa garde.');
    if (row.shift.startsAt <= deps.now()) throw conflict('Cette garde a déjà commencé.');
    const code = await freeSwapCode(tx);
    const swap = await insertSwap(tx, { shiftId, offeredBy: owner, code });
    await recordAudit(tx, offerer.audit, {
      action: 'swap.offer',
      entity: 'swap_request',
      entityId: swap.id,
      territoryId: row.territory.id,
      after: swap,
    });
    const facts = { swap, shift: row.shift, territory: row.territory };
    const notices = await writeSwapNotices(tx, facts, 'offered', deps.now(), canEmail(deps));
    const colleagues = new Set(notices.map((n) => n.professionalId)).size;
    return { result: { id: swap.id, code, colleagues }, notices };
  });
  await handOverNotices(deps, notices);
  return result;
}

/**
 * A colleague of the same service takes an offered swap; first come, first served. Approved at
 * once when the territory says so (the shift is then reassigned), else it waits for a manager.
 */
export async function takeSwap(
  deps: SwapDeps,
  taker: { professionalId: string | null; audit: AuditActor },
  swapId: string,
): Promise<{ status: 'approved' | 'taken'; shiftId: string; offeredBy: string }> {
  const { result, notices } = await writeShifts(deps, async ({ tx, write }) => {
    const row = await swapWithShift(tx, swapId);
    const me = taker.professionalId;
    const territoryId = me ? await territoryOfProfessional(tx, me) : undefined;
    // Another territory's swap answers as an unknown one.
    if (!row || (territoryId && territoryId !== row.territory.id)) throw notFound('Échange');
    if (!me) throw forbidden('Réservé aux collègues du même service.');
    const member = await isServiceMember(tx, row.shift.serviceId, me);
    const next = transitionSwap(swapStateOf(row.swap, row.shift), {
      type: 'take',
      professionalId: me,
      serviceIds: member ? [row.shift.serviceId] : [],
      autoApprove: row.territory.settings.swapAutoApprove,
      now: deps.now(),
    });
    if (!next.ok) throw refusal(next.error);
    const approved = next.state.status === 'approved';
    // Taken but awaiting a manager: the taker must be free then, though nothing moves yet.
    const move = { shiftId: row.shift.id, professionalId: me, checkOnly: !approved };
    await write(colleagueWriter(taker.audit), move);
    const taken = await moveSwapOn(tx, swapId, 'offered', {
      takenBy: me,
      status: next.state.status,
      ...(approved ? { decidedAt: deps.now() } : {}),
    });
    if (!taken) throw conflict('Cette garde a déjà été prise.');
    await recordAudit(tx, taker.audit, {
      action: approved ? 'swap.approve' : 'swap.take',
      entity: 'swap_request',
      entityId: swapId,
      territoryId: row.territory.id,
      before: row.swap,
      after: taken,
    });
    const event: SwapEvent = approved ? 'approved' : 'taken';
    const notices = await writeSwapNotices(
      tx,
      { ...row, swap: taken },
      event,
      deps.now(),
      canEmail(deps),
    );
    const status = approved ? ('approved' as const) : ('taken' as const);
    return { result: { status, shiftId: row.shift.id, offeredBy: row.swap.offeredBy }, notices };
  });
  await handOverNotices(deps, notices);
  return result;
}

const canEmail = (deps: Pick<AppDeps, 'config'>) => Boolean(deps.config.SMTP_URL);

function swapStateOf(swap: SwapRow, shift: ShiftRow): SwapState {
  return {
    status: swap.status,
    shiftId: shift.id,
    serviceId: shift.serviceId,
    offeredBy: swap.offeredBy,
    takenBy: swap.takenBy,
    shiftStartsAt: shift.startsAt,
  };
}

/** The engine's refusals as HTTP errors: who may act is 403, the swap's state 409. */
function refusal(error: SwapError): Error {
  return error.code === 'own_shift' || error.code === 'not_colleague' || error.code === 'not_owner'
    ? forbidden(error.message)
    : conflict(error.message);
}
