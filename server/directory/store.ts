import { asc, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { professionals, serviceMembers, services } from '../../db/schema/index.js';
import { readableTerritories, type Actor } from '../access/actor.js';

export type ProfessionalRow = typeof professionals.$inferSelect;

/** The professionals of the territories the actor reads, by name. */
export function professionalsReadableBy(db: Queryable, actor: Actor): Promise<ProfessionalRow[]> {
  return db
    .select()
    .from(professionals)
    .where(readableTerritories(actor, professionals.territoryId))
    .orderBy(asc(professionals.name));
}

export async function professionalById(db: Queryable, id: string): Promise<ProfessionalRow | null> {
  const [row] = await db.select().from(professionals).where(eq(professionals.id, id));
  return row ?? null;
}

/** The services (tours de garde) a professional belongs to, by id. */
export async function serviceIdsOf(db: Queryable, professionalId: string): Promise<string[]> {
  const rows = await db
    .select({ id: serviceMembers.serviceId })
    .from(serviceMembers)
    .where(eq(serviceMembers.professionalId, professionalId));
  return rows.map((s) => s.id);
}

/** The names of the services each of `professionalIds` belongs to. */
export function serviceNamesOf(
  db: Queryable,
  professionalIds: string[],
): Promise<{ professionalId: string; name: string }[]> {
  if (professionalIds.length === 0) return Promise.resolve([]);
  return db
    .select({ professionalId: serviceMembers.professionalId, name: services.name })
    .from(serviceMembers)
    .innerJoin(services, eq(services.id, serviceMembers.serviceId))
    .where(inArray(serviceMembers.professionalId, professionalIds));
}
