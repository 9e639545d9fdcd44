import { eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../../../db/client.js';
import { professionals, services, shifts, swapRequests } from '../../../db/schema/index.js';

/** Swaps still open (offered, or taken and awaiting a manager), earliest shift first. */
export function openSwaps(q: Queryable) {
  return q
    .select({ swap: swapRequests, shift: shifts, territoryId: services.territoryId })
    .from(swapRequests)
    .innerJoin(shifts, eq(shifts.id, swapRequests.shiftId))
    .innerJoin(services, eq(services.id, shifts.serviceId))
    .where(inArray(swapRequests.status, ['offered', 'taken']))
    .orderBy(shifts.startsAt);
}

/** Names of these professionals, by id. */
export async function professionalNames(q: Queryable, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await q
    .select({ id: professionals.id, name: professionals.name })
    .from(professionals)
    .where(inArray(professionals.id, ids));
  return new Map(rows.map((p) => [p.id, p.name]));
}
