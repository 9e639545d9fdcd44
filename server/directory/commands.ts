import { randomBytes } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Tx } from '../../db/client.js';
import { recordAudit } from '../platform/audit.js';
import { professionals, serviceMembers, services } from '../../db/schema/index.js';
import { auditActorOf, canManageTerritory, type Actor } from '../access/actor.js';
import { forbidden, notFound, nothingToChange } from '../platform/http-errors.js';
import { toE164 } from '../platform/phone-numbers.js';

/** Languages a professional may speak with a patient (the IVR's catalogues and then some). */
export const professionalLanguages = ['fr', 'en', 'de', 'es', 'it', 'br'] as const;

/** A French or international number, normalised to E.164; the message is shown as is in the web app. */
export const mobileNumber = z.string().transform((value, ctx) => {
  const e164 = toE164(value);
  if (!e164)
    ctx.addIssue({
      code: 'custom',
      message: `« ${value} » n'est pas un numéro valide (ex. 06 12 34 56 78)`,
    });
  return e164 ?? '';
});

export const newProfessional = z.object({
  territoryId: z.string().uuid('territoire invalide'),
  name: z.string().trim().min(2, 'nom requis').max(120),
  profession: z.string().trim().min(2, 'profession requise').max(80),
  mobile: mobileNumber,
  email: z.string().email('e-mail invalide').nullable().default(null),
  languages: z.array(z.enum(professionalLanguages)).min(1, 'au moins une langue').default(['fr']),
  serviceIds: z.array(z.string().uuid()).default([]),
});
export type NewProfessional = z.infer<typeof newProfessional>;

// No defaults here: a field left out of a patch is left as it is.
export const professionalPatch = z
  .object({
    name: z.string().trim().min(2, 'nom requis').max(120),
    profession: z.string().trim().min(2, 'profession requise').max(80),
    mobile: mobileNumber,
    email: z.string().email('e-mail invalide').nullable(),
    languages: z.array(z.enum(professionalLanguages)).min(1, 'au moins une langue'),
  })
  .partial();
export type ProfessionalPatch = z.infer<typeof professionalPatch>;

// The iCal token is a credential: it stays out of the audit log.
const withoutToken = ({ icalToken: _t, ...rest }: typeof professionals.$inferSelect) => rest;

/** Only services of the professional's own territory can hold them; others are ignored. */
async function setMemberships(
  tx: Tx,
  professionalId: string,
  territoryId: string,
  serviceIds: string[],
): Promise<string[]> {
  const own = serviceIds.length
    ? await tx
        .select({ id: services.id })
        .from(services)
        .where(and(inArray(services.id, serviceIds), eq(services.territoryId, territoryId)))
    : [];
  await tx.delete(serviceMembers).where(eq(serviceMembers.professionalId, professionalId));
  if (own.length)
    await tx.insert(serviceMembers).values(own.map((s) => ({ serviceId: s.id, professionalId })));
  return own.map((s) => s.id);
}

/** A manager of the territory adds a professional, with their services; audited. */
export async function createProfessional(
  db: Database,
  actor: Actor,
  input: NewProfessional,
): Promise<string> {
  if (!canManageTerritory(actor, input.territoryId)) throw forbidden();
  return db.transaction(async (tx) => {
    const { serviceIds, ...values } = input;
    const [row] = await tx
      .insert(professionals)
      .values({ ...values, icalToken: randomBytes(18).toString('base64url') })
      .returning();
    const members = await setMemberships(tx, row!.id, input.territoryId, serviceIds);
    await recordAudit(tx, auditActorOf(actor), {
      action: 'professional.create',
      entity: 'professional',
      entityId: row!.id,
      territoryId: input.territoryId,
      after: { ...withoutToken(row!), serviceIds: members },
    });
    return row!.id;
  });
}

/**
 * Edits a professional: themself, or anyone of a territory the actor manages. Services
 * (`serviceIds`) are the managers' to change: a professional sending them is refused.
 */
export async function updateProfessional(
  db: Database,
  actor: Actor,
  id: string,
  patch: ProfessionalPatch,
  serviceIds?: string[],
): Promise<void> {
  const [existing] = await db.select().from(professionals).where(eq(professionals.id, id));
  if (!existing) throw notFound('Professionnel');
  const manages = canManageTerritory(actor, existing.territoryId);
  const own = actor.role === 'professional' && actor.professionalId === existing.id;
  if (!own && !manages) throw forbidden();
  if (serviceIds && !manages)
    throw forbidden('Seule la coordination change les services. Only managers change services.');
  if (Object.keys(patch).length === 0 && !serviceIds) throw nothingToChange();
  await db.transaction(async (tx) => {
    const beforeServices = (
      await tx
        .select({ id: serviceMembers.serviceId })
        .from(serviceMembers)
        .where(eq(serviceMembers.professionalId, id))
    ).map((s) => s.id);
    const [row] = Object.keys(patch).length
      ? await tx.update(professionals).set(patch).where(eq(professionals.id, id)).returning()
      : [existing];
    const afterServices = serviceIds
      ? await setMemberships(tx, id, existing.territoryId, serviceIds)
      : beforeServices;
    await recordAudit(tx, auditActorOf(actor), {
      action: 'professional.update',
      entity: 'professional',
      entityId: id,
      territoryId: existing.territoryId,
      before: { ...withoutToken(existing), serviceIds: beforeServices },
      after: { ...withoutToken(row!), serviceIds: afterServices },
    });
  });
}
