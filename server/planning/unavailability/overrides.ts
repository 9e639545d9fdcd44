import { eq } from 'drizzle-orm';
import { overrides } from '../../../db/schema/index.js';
import { recordAudit } from '../../platform/audit.js';
import { auditActorOf, type Actor } from '../../access/actor.js';
import { badRequest, notFound } from '../../platform/http-errors.js';
import { managerWriter, writeShifts, type ShiftDeps } from '../shifts/commands.js';
import { assertActiveMember, assertFree } from '../shifts/rules.js';
import { visibleShift } from '../shifts/commands.js';

export interface OverrideInput {
  shiftId: string;
  professionalId: string;
  startsAt: Date;
  endsAt: Date;
}

/**
 * Someone takes the calls of a shift for part of it. The same rules as a shift write: the shift's
 * territory is the manager's (404 otherwise), its end after its start and within the shift (400,
 * for every door), the replacement an active member of its service,
 * free then (409). One transaction, audited.
 */
export async function createOverride(
  deps: ShiftDeps,
  actor: Actor,
  input: OverrideInput,
): Promise<string> {
  return writeShifts(deps, async ({ tx }) => {
    const { shift, territory } = await visibleShift(tx, managerWriter(actor), input.shiftId);
    if (!(input.endsAt > input.startsAt))
      throw badRequest('La fin doit suivre le début. The end must follow the start.', {
        endsAt: 'before start',
      });
    if (input.startsAt < shift.startsAt || input.endsAt > shift.endsAt)
      throw badRequest(
        'Le remplacement doit tenir dans la garde. An override must lie within its shift.',
        { startsAt: 'outside the shift' },
      );
    await assertActiveMember(tx, input.professionalId, shift.serviceId, territory.id);
    await assertFree(tx, { territoryId: territory.id, ...input }, [shift.id]);
    const [created] = await tx.insert(overrides).values(input).returning();
    await recordAudit(tx, auditActorOf(actor), {
      action: 'override.create',
      entity: 'override',
      entityId: created!.id,
      territoryId: territory.id,
      after: created,
    });
    return created!.id;
  });
}

/**
 * Cancels an override: the shift's own professional takes its calls again. The override's shift
 * must be of a territory the actor manages (404 when unknown or another's, 403 for a
 * professional). One transaction, audited with the override as it was.
 */
export async function cancelOverride(deps: ShiftDeps, actor: Actor, id: string): Promise<void> {
  await writeShifts(deps, async ({ tx }) => {
    const [row] = await tx.select().from(overrides).where(eq(overrides.id, id));
    if (!row) throw notFound('Remplacement');
    const { territory } = await visibleShift(tx, managerWriter(actor), row.shiftId);
    await tx.delete(overrides).where(eq(overrides.id, row.id));
    await recordAudit(tx, auditActorOf(actor), {
      action: 'override.cancel',
      entity: 'override',
      entityId: row.id,
      territoryId: territory.id,
      before: row,
    });
  });
}
