import type { Tx } from '../../../db/client.js';
import type { AdtMovement } from './adt-message.js';
import type { Envelope } from './envelope.js';
import { cancelsUnknownStay, stayTransition } from './stay-transition.js';
import {
  cancelMovement,
  gpEntryByRpps,
  hasLiveMovement,
  insertMovement,
  movementToCancel,
  stayForUpdate,
  upsertStay,
} from './store.js';

/** What the GP notice job is told: ids only. */
export interface StayNotice {
  stayId: string;
  movementId: string;
}

/**
 * Applies one movement to its stay inside the message's transaction: load (locked) → pure
 * transition → write the stay, the movement row, and for A11/A13 the cancelled movement's
 * cancelled_at. Returns the notice to queue once committed (none when nothing changed).
 */
export async function applyMovement(
  tx: Tx,
  input: {
    territoryId: string;
    envelope: Envelope;
    adt: AdtMovement;
    messageId: string;
    now: Date;
  },
): Promise<StayNotice[]> {
  const { territoryId, envelope, adt, messageId, now } = input;
  const stay = await stayForUpdate(tx, envelope.sendingFacility, adt.visitNumber);
  if (cancelsUnknownStay(stay, adt)) return [];
  // The same movement resent under a new MSH-10 (same ZBE-1): stored and acknowledged, not
  // applied twice (nor told twice to the GP).
  if (stay && adt.movementId && (await hasLiveMovement(tx, stay.id, adt.event, adt.movementId)))
    return [];
  const { next, cancels } = stayTransition(stay, adt);

  const gp =
    adt.gpRpps === null
      ? {}
      : adt.gpRpps === 'removed'
        ? { gpRpps: null, gpEntryId: null }
        : { gpRpps: adt.gpRpps, gpEntryId: await gpEntryByRpps(tx, territoryId, adt.gpRpps) };
  const stayId = await upsertStay(tx, {
    territoryId: stay?.territoryId ?? territoryId,
    sendingFacility: envelope.sendingFacility,
    visitNumber: adt.visitNumber,
    patientId: adt.patient.id,
    patientFamilyName: adt.patient.familyName,
    patientGivenName: adt.patient.givenName,
    patientBirthDate: adt.patient.birthDate ?? stay?.patientBirthDate ?? null,
    patientSex: adt.patient.sex ?? stay?.patientSex ?? null,
    patientClass: adt.patientClass ?? stay?.patientClass ?? null,
    unit: adt.unit ?? stay?.unit ?? null,
    ...next,
    ...gp,
  });

  const cancelledId =
    cancels && stay ? await movementToCancel(tx, stayId, cancels.events, adt.movementId) : null;
  if (cancelledId) await cancelMovement(tx, cancelledId, now);
  const movementId = await insertMovement(tx, {
    stayId,
    messageId,
    event: adt.event,
    movementId: adt.movementId,
    occurredAt: adt.occurredAt,
    detail: {
      action: adt.movementAction,
      statusBefore: stay?.status ?? null,
      status: next.status,
      ...(cancelledId ? { cancels: cancelledId } : {}),
    },
  });
  // Null: a racing connection stored the same first movement of a new stay meanwhile.
  return movementId === null ? [] : [{ stayId, movementId }];
}
