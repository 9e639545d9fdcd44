import { Router } from 'express';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit.js';
import { overrides, professionals, services, shifts } from '../../../db/schema/index.js';
import { canManageTerritory, auditActorOf } from '../../access/actor.js';
import { createUnavailability, deleteUnavailability, listUnavailability } from './commands.js';
import type { AppDeps } from '../../platform/deps.js';
import { badRequest, forbidden, notFound } from '../../platform/http-errors.js';

const instant = z
  .string()
  .datetime({ offset: true, message: 'instant ISO 8601 avec fuseau attendu' })
  .transform((v) => new Date(v));
const interval = z
  .object({ startsAt: instant, endsAt: instant })
  .refine((i) => i.endsAt > i.startsAt, {
    message: 'la fin doit suivre le début',
    path: ['endsAt'],
  });

/** Leave (a professional's own, or any for their managers) and overrides (managers). */
export function absencesRouter(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.db;

  router.get('/unavailability', async (req, res) => {
    res.json({
      unavailability: await listUnavailability(
        db,
        req.actor!,
        z.string().uuid('identifiant invalide').parse(req.query.professionalId),
      ),
    });
  });
  router.post('/unavailability', async (req, res) => {
    const body = z
      .object({
        professionalId: z.string().uuid('identifiant invalide'),
        reason: z.string().max(200).nullable().default(null),
      })
      .and(interval)
      .parse(req.body ?? {});
    res.status(201).json({ id: await createUnavailability(db, req.actor!, body) });
  });
  router.delete('/unavailability/:id', async (req, res) => {
    await deleteUnavailability(db, req.actor!, z.string().uuid().parse(req.params.id));
    res.status(204).end();
  });

  router.post('/overrides', async (req, res) => {
    const body = z
      .object({
        shiftId: z.string().uuid('identifiant invalide'),
        professionalId: z.string().uuid('identifiant invalide'),
      })
      .and(interval)
      .parse(req.body ?? {});
    const [row] = await db
      .select({ shift: shifts, territoryId: services.territoryId })
      .from(shifts)
      .innerJoin(services, eq(services.id, shifts.serviceId))
      .where(eq(shifts.id, body.shiftId));
    if (!row) throw notFound('Garde');
    if (!canManageTerritory(req.actor!, row.territoryId)) throw forbidden();
    if (body.startsAt < row.shift.startsAt || body.endsAt > row.shift.endsAt)
      throw badRequest(
        'Le remplacement doit tenir dans la garde. An override must lie within its shift.',
        { startsAt: 'outside the shift' },
      );
    const [replacement] = await db
      .select()
      .from(professionals)
      .where(eq(professionals.id, body.professionalId));
    if (!replacement || replacement.territoryId !== row.territoryId)
      throw badRequest('Professionnel inconnu sur ce territoire. Unknown professional.', {
        professionalId: 'unknown professional',
      });
    const created = await db.transaction(async (tx) => {
      const [o] = await tx.insert(overrides).values(body).returning();
      await recordAudit(tx, auditActorOf(req.actor!), {
        action: 'override.create',
        entity: 'override',
        entityId: o!.id,
        territoryId: row.territoryId,
        after: o,
      });
      return o!;
    });
    res.status(201).json({ id: created.id });
  });
  return router;
}
