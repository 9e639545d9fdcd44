import { overrides } from '../../../db/schema/index.js';
import { recordAudit } from '../../platform/audit.js';
import { auditActorOf, type Actor } from '../../access/actor.js';
import { badRequest } from '../../platform/http-errors.js';
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
 * territory is the manager's (404 otherwise), the replacement an active member of its service,
 * free then (409). One transaction, audited.
 */
export async function createOverride(
  deps: ShiftDeps,
  actor: Actor,
  input: OverrideInput,
): Promise<string> {
  return writeShifts(deps, async ({ tx }) => {
    const { shift, territory } = await visibleShift(tx, managerWriter(actor), input.shiftId);
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
