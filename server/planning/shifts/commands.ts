import type { Tx } from '../../../db/client.js';
import { recordAudit } from '../../platform/audit.js';
import {
  auditActorOf,
  canManageTerritory,
  canReadTerritory,
  type Actor,
} from '../../access/actor.js';
import type { AppDeps } from '../../platform/deps.js';
import { forbidden, notFound } from '../../platform/http-errors.js';
import {
  writeShiftIn,
  type ShiftWrite,
  type ShiftWriteOutcome,
  type ShiftWriter,
} from './rules.js';
import { shiftWithTerritory, updateShift } from './store.js';

export type { ShiftWrite, ShiftWriteOutcome, ShiftWriter } from './rules.js';
export type ShiftDeps = Pick<AppDeps, 'db' | 'now' | 'onShiftChanged'>;

/** What a door holds inside the one transaction of its shift writes. */
export interface ShiftSession {
  tx: Tx;
  /** Checks one write against the shared rules and makes it (see `writeShiftIn`). */
  write(writer: ShiftWriter, write: ShiftWrite): Promise<ShiftWriteOutcome>;
}

/** A rota manager (or admin) writing: their territories, 404 for the others. */
export const managerWriter = (actor: Actor): ShiftWriter => ({
  audit: auditActorOf(actor),
  sees: (territoryId) => canReadTerritory(actor, territoryId),
  manages: (territoryId) => canManageTerritory(actor, territoryId),
});

/**
 * Every shift write goes through here: one transaction for the door's writes, then, once
 * committed, the follow-up (reminders are rescheduled for the shifts that changed).
 */
export async function writeShifts<T>(
  deps: ShiftDeps,
  work: (session: ShiftSession) => Promise<T>,
): Promise<T> {
  const changed: string[] = [];
  const result = await deps.db.db.transaction((tx) =>
    work({
      tx,
      async write(writer, write) {
        const written = await writeShiftIn(tx, writer, write, deps.now());
        if (written.outcome !== 'unchanged') changed.push(written.id);
        return written;
      },
    }),
  );
  if (changed.length) await deps.onShiftChanged?.(changed);
  return result;
}

/** Creates one shift; returns its id. */
export async function createShift(
  deps: ShiftDeps,
  actor: Actor,
  write: Omit<ShiftWrite, 'shiftId'>,
): Promise<string> {
  return (await writeShifts(deps, (s) => s.write(managerWriter(actor), write))).id;
}

/** Changes one shift (times, level, professional, service); what is left out stays. */
export async function changeShift(
  deps: ShiftDeps,
  actor: Actor,
  shiftId: string,
  write: Omit<ShiftWrite, 'shiftId'>,
): Promise<ShiftWriteOutcome> {
  return writeShifts(deps, (s) => s.write(managerWriter(actor), { ...write, shiftId }));
}

/** A shift the writer may change: 404 when unknown or of a territory they cannot see, else 403. */
export async function visibleShift(tx: Tx, writer: ShiftWriter, shiftId: string) {
  const row = await shiftWithTerritory(tx, shiftId);
  if (!row || !writer.sees(row.territory.id)) throw notFound('Garde');
  if (!writer.manages(row.territory.id)) throw forbidden();
  return row;
}

/** Cancels a shift (kept for the record; iCal feeds drop it; reminders see a new version). */
export async function cancelShift(deps: ShiftDeps, actor: Actor, shiftId: string): Promise<void> {
  await deps.db.db.transaction(async (tx) => {
    const row = await visibleShift(tx, managerWriter(actor), shiftId);
    const after = await updateShift(tx, shiftId, { status: 'cancelled' }, deps.now());
    await recordAudit(tx, auditActorOf(actor), {
      action: 'shift.cancel',
      entity: 'shift',
      entityId: shiftId,
      territoryId: row.territory.id,
      before: row.shift,
      after,
    });
  });
  await deps.onShiftChanged?.([shiftId]);
}
