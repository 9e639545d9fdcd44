import { and, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../db/repositories/audit.js';
import { services, shifts, swapRequests } from '../../db/schema/index.js';
import { canManageTerritory, type Actor, auditActorOf } from '../auth/actor.js';
import type { AppDeps } from '../deps.js';
import { conflict, forbidden, notFound } from '../http-errors.js';

/**
 * A manager approves (the shift is reassigned in the same transaction) or rejects a swap a
 * colleague has taken. Audited; reminders follow the shift's new version.
 */
export async function decideSwap(deps: Pick<AppDeps, 'db' | 'now' | 'onShiftChanged'>, actor: Actor, swapId: string, decision: 'approve' | 'reject'): Promise<void> {
  const shiftId = await deps.db.db.transaction(async (tx) => {
    const [row] = await tx.select({ swap: swapRequests, territoryId: services.territoryId }).from(swapRequests)
      .innerJoin(shifts, eq(shifts.id, swapRequests.shiftId)).innerJoin(services, eq(services.id, shifts.serviceId))
      .where(eq(swapRequests.id, swapId));
    if (!row) throw notFound('Échange');
    if (!canManageTerritory(actor, row.territoryId)) throw forbidden();
    const [after] = await tx.update(swapRequests)
      .set({ status: decision === 'approve' ? 'approved' : 'rejected', decidedBy: actor.userId, decidedAt: deps.now() })
      .where(and(eq(swapRequests.id, row.swap.id), eq(swapRequests.status, 'taken'))).returning();
    if (!after) throw conflict(`Cet échange n'attend pas de validation (état : ${row.swap.status}).`);
    if (decision === 'approve') {
      await tx.update(shifts).set({ professionalId: row.swap.takenBy, version: sql`${shifts.version} + 1`, updatedAt: deps.now() }).where(eq(shifts.id, row.swap.shiftId));
    }
    await recordAudit(tx, auditActorOf(actor), { action: `swap.${decision}`, entity: 'swap_request', entityId: row.swap.id, territoryId: row.territoryId, before: row.swap, after });
    return row.swap.shiftId;
  });
  await deps.onShiftChanged?.([shiftId]);
}
