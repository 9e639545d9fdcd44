import { Router } from 'express';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../../db/repositories/audit.js';
import { services, shifts, swapRequests } from '../../../db/schema/index.js';
import { canManageTerritory } from '../../auth/actor.js';
import type { AppDeps } from '../../deps.js';
import { conflict, forbidden, notFound } from '../../http-errors.js';

/** A manager approves (the shift is reassigned in the same transaction) or rejects a taken swap. */
export function swapsRouter(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.db;
  router.post('/swaps/:id/:decision', async (req, res) => {
    const decision = z.enum(['approve', 'reject']).parse(req.params.decision);
    const actor = req.actor!;
    const shiftId = await db.transaction(async (tx) => {
      const [row] = await tx.select({ swap: swapRequests, territoryId: services.territoryId }).from(swapRequests)
        .innerJoin(shifts, eq(shifts.id, swapRequests.shiftId)).innerJoin(services, eq(services.id, shifts.serviceId))
        .where(eq(swapRequests.id, z.string().uuid().parse(req.params.id)));
      if (!row) throw notFound('Échange');
      if (!canManageTerritory(actor, row.territoryId)) throw forbidden();
      const [after] = await tx.update(swapRequests)
        .set({ status: decision === 'approve' ? 'approved' : 'rejected', decidedBy: actor.userId, decidedAt: deps.now() })
        .where(and(eq(swapRequests.id, row.swap.id), eq(swapRequests.status, 'taken'))).returning();
      if (!after) throw conflict(`Cet échange n'attend pas de validation (état : ${row.swap.status}).`);
      if (decision === 'approve') {
        await tx.update(shifts).set({ professionalId: row.swap.takenBy, version: sql`${shifts.version} + 1`, updatedAt: deps.now() }).where(eq(shifts.id, row.swap.shiftId));
      }
      await recordAudit(tx, { userId: actor.userId, label: actor.email }, { action: `swap.${decision}`, entity: 'swap_request', entityId: row.swap.id, territoryId: row.territoryId, before: row.swap, after });
      return row.swap.shiftId;
    });
    await deps.onShiftChanged?.([shiftId]);
    res.json({ ok: true });
  });
  return router;
}
