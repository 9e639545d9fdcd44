import { Router } from 'express';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../../db/repositories/audit.js';
import { overrides, professionals, services, shifts, unavailabilities } from '../../../db/schema/index.js';
import { canManageTerritory, type Actor, auditActorOf } from '../../auth/actor.js';
import type { AppDeps } from '../../deps.js';
import { badRequest, forbidden, notFound } from '../../http-errors.js';

const instant = z.string().datetime({ offset: true, message: 'instant ISO 8601 avec fuseau attendu' }).transform((v) => new Date(v));
const interval = z.object({ startsAt: instant, endsAt: instant }).refine((i) => i.endsAt > i.startsAt, { message: 'la fin doit suivre le début', path: ['endsAt'] });

/** Leave (a professional's own, or any for their managers) and overrides (managers). */
export function absencesRouter(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.db;
  const person = async (actor: Actor, id: string) => {
    const [p] = await db.select().from(professionals).where(eq(professionals.id, id));
    if (!p) throw badRequest('Professionnel inconnu. Unknown professional.', { professionalId: 'unknown professional' });
    if (actor.professionalId !== p.id && !canManageTerritory(actor, p.territoryId)) throw forbidden();
    return p;
  };

  router.get('/unavailability', async (req, res) => {
    const p = await person(req.actor!, z.string().uuid('identifiant invalide').parse(req.query.professionalId));
    res.json({ unavailability: await db.select().from(unavailabilities).where(eq(unavailabilities.professionalId, p.id)) });
  });
  router.post('/unavailability', async (req, res) => {
    const body = z.object({ professionalId: z.string().uuid('identifiant invalide'), reason: z.string().max(200).nullable().default(null) }).and(interval).parse(req.body ?? {});
    const p = await person(req.actor!, body.professionalId);
    const [row] = await db.transaction(async (tx) => {
      const rows = await tx.insert(unavailabilities).values({ professionalId: p.id, startsAt: body.startsAt, endsAt: body.endsAt, reason: body.reason }).returning();
      await recordAudit(tx, auditActorOf(req.actor!), { action: 'unavailability.create', entity: 'unavailability', entityId: rows[0]!.id, territoryId: p.territoryId, after: rows[0] });
      return rows;
    });
    res.status(201).json({ id: row!.id });
  });
  router.delete('/unavailability/:id', async (req, res) => {
    const [row] = await db.select().from(unavailabilities).where(eq(unavailabilities.id, z.string().uuid().parse(req.params.id)));
    if (!row) throw notFound('Indisponibilité');
    const p = await person(req.actor!, row.professionalId);
    await db.transaction(async (tx) => {
      await tx.delete(unavailabilities).where(eq(unavailabilities.id, row.id));
      await recordAudit(tx, auditActorOf(req.actor!), { action: 'unavailability.delete', entity: 'unavailability', entityId: row.id, territoryId: p.territoryId, before: row });
    });
    res.status(204).end();
  });

  router.post('/overrides', async (req, res) => {
    const body = z.object({ shiftId: z.string().uuid('identifiant invalide'), professionalId: z.string().uuid('identifiant invalide') }).and(interval).parse(req.body ?? {});
    const [row] = await db.select({ shift: shifts, territoryId: services.territoryId }).from(shifts).innerJoin(services, eq(services.id, shifts.serviceId)).where(eq(shifts.id, body.shiftId));
    if (!row) throw notFound('Garde');
    if (!canManageTerritory(req.actor!, row.territoryId)) throw forbidden();
    if (body.startsAt < row.shift.startsAt || body.endsAt > row.shift.endsAt) throw badRequest('Le remplacement doit tenir dans la garde. An override must lie within its shift.', { startsAt: 'outside the shift' });
    const [replacement] = await db.select().from(professionals).where(eq(professionals.id, body.professionalId));
    if (!replacement || replacement.territoryId !== row.territoryId) throw badRequest('Professionnel inconnu sur ce territoire. Unknown professional.', { professionalId: 'unknown professional' });
    const created = await db.transaction(async (tx) => {
      const [o] = await tx.insert(overrides).values(body).returning();
      await recordAudit(tx, auditActorOf(req.actor!), { action: 'override.create', entity: 'override', entityId: o!.id, territoryId: row.territoryId, after: o });
      return o!;
    });
    res.status(201).json({ id: created.id });
  });
  return router;
}
