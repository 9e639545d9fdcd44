import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Tx } from '../../db/client.js';
import { recordAudit } from '../platform/audit.js';
import { professionals, serviceMembers, services } from '../../db/schema/index.js';
import { auditActorOf, canManageTerritory, type Actor } from '../access/actor.js';
import { forbidden, notFound, nothingToChange } from '../platform/http-errors.js';
import type { NewProfessional, ProfessionalPatch } from './schema.js';
import { newIcalToken } from '../planning/ical/token.js';

const uuid = z.string().uuid();

// The iCal token is a credential: it stays out of the audit log.
const withoutToken = ({ icalToken: _t, ...rest }: typeof professionals.$inferSelect) => rest;

/**
 * Only services of the professional's own territory can hold them; others are ignored, and so
 * are ids that are no uuid (a form's empty checkbox value would make PostgreSQL refuse the query).
 */
async function setMemberships(
  tx: Tx,
  professionalId: string,
  territoryId: string,
  serviceIds: string[],
): Promise<string[]> {
  const ids = serviceIds.filter((id) => uuid.safeParse(id).success);
  const own = ids.length
    ? await tx
        .select({ id: services.id })
        .from(services)
        .where(and(inArray(services.id, ids), eq(services.territoryId, territoryId)))
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
      .values({ ...values, icalToken: newIcalToken() })
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
