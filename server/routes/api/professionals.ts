import { randomBytes } from 'node:crypto';
import { Router } from 'express';
import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../../db/repositories/audit.js';
import { professionals, serviceMembers, services } from '../../../db/schema/index.js';
import { canManageTerritory, auditActorOf } from '../../auth/actor.js';
import type { AppDeps } from '../../deps.js';
import { forbidden, notFound, nothingToChange } from '../../http-errors.js';
import { toE164 } from '../../phone-numbers.js';

const mobile = z.string().transform((value, ctx) => {
  const e164 = toE164(value);
  if (!e164) ctx.addIssue({ code: 'custom', message: `« ${value} » n'est pas un numéro valide (ex. 06 12 34 56 78)` });
  return e164 ?? '';
});
const body = z.object({
  territoryId: z.string().uuid('territoire invalide'),
  name: z.string().trim().min(2, 'nom requis').max(120),
  profession: z.string().trim().min(2, 'profession requise').max(80),
  mobile,
  email: z.string().email('e-mail invalide').nullable().default(null),
  languages: z.array(z.enum(['fr', 'en', 'de', 'es', 'it', 'br'])).min(1).default(['fr']),
  serviceIds: z.array(z.string().uuid()).default([]),
});

// No defaults here: a field left out of a PATCH is left as it is.
const patchBody = z.object({
  name: z.string().trim().min(2, 'nom requis').max(120),
  profession: z.string().trim().min(2, 'profession requise').max(80),
  mobile,
  email: z.string().email('e-mail invalide').nullable(),
  languages: z.array(z.enum(['fr', 'en', 'de', 'es', 'it', 'br'])).min(1),
}).partial();

/** The directory: professionals of the actor's territories; managers add and edit. */
export function professionalsRouter(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.db;
  router.get('/professionals', async (req, res) => {
    const actor = req.actor!;
    const rows = actor.role === 'admin' ? await db.select().from(professionals) : actor.territoryIds.length
      ? await db.select().from(professionals).where(inArray(professionals.territoryId, actor.territoryIds)) : [];
    res.json({ professionals: rows.map(({ icalToken: _t, ...p }) => p) });
  });
  router.post('/professionals', async (req, res) => {
    const input = body.parse(req.body ?? {});
    if (!canManageTerritory(req.actor!, input.territoryId)) throw forbidden();
    const id = await db.transaction(async (tx) => {
      const { serviceIds, ...values } = input;
      const [row] = await tx.insert(professionals).values({ ...values, icalToken: randomBytes(18).toString('base64url') }).returning();
      if (serviceIds.length) {
        const own = await tx.select({ id: services.id }).from(services).where(and(inArray(services.id, serviceIds), eq(services.territoryId, input.territoryId)));
        if (own.length) await tx.insert(serviceMembers).values(own.map((s) => ({ serviceId: s.id, professionalId: row!.id })));
      }
      await recordAudit(tx, auditActorOf(req.actor!), { action: 'professional.create', entity: 'professional', entityId: row!.id, territoryId: input.territoryId, after: row });
      return row!.id;
    });
    res.status(201).json({ id });
  });
  router.patch('/professionals/:id', async (req, res) => {
    const [existing] = await db.select().from(professionals).where(eq(professionals.id, z.string().uuid().parse(req.params.id)));
    if (!existing) throw notFound('Professionnel');
    const actor = req.actor!;
    const own = actor.role === 'professional' && actor.professionalId === existing.id;
    if (!own && !canManageTerritory(actor, existing.territoryId)) throw forbidden();
    const patch = patchBody.parse(req.body ?? {});
    if (Object.keys(patch).length === 0) throw nothingToChange();
    await db.transaction(async (tx) => {
      const [after] = await tx.update(professionals).set(patch).where(eq(professionals.id, existing.id)).returning();
      await recordAudit(tx, auditActorOf(actor), { action: 'professional.update', entity: 'professional', entityId: existing.id, territoryId: existing.territoryId, before: existing, after });
    });
    res.json({ id: existing.id });
  });
  return router;
}
