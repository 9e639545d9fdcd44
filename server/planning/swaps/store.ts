import { and, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../../../db/client.js';
import {
  professionals,
  serviceMembers,
  services,
  shifts,
  swapRequests,
  territories,
} from '../../../db/schema/index.js';

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

export type SwapRow = typeof swapRequests.$inferSelect;

/** A swap with its shift and the shift's territory, or undefined. */
export async function swapWithShift(q: Queryable, swapId: string) {
  const [row] = await q
    .select({ swap: swapRequests, shift: shifts, territory: territories })
    .from(swapRequests)
    .innerJoin(shifts, eq(shifts.id, swapRequests.shiftId))
    .innerJoin(services, eq(services.id, shifts.serviceId))
    .innerJoin(territories, eq(territories.id, services.territoryId))
    .where(eq(swapRequests.id, swapId));
  return row;
}

/**
 * Moves a swap on from the status it was read in; undefined when someone else moved it first
 * (the status guard makes a concurrent decision lose cleanly).
 */
export async function moveSwapOn(
  q: Queryable,
  swapId: string,
  from: SwapRow['status'],
  set: Partial<Pick<SwapRow, 'status' | 'takenBy' | 'decidedBy' | 'decidedAt'>>,
): Promise<SwapRow | undefined> {
  const [row] = await q
    .update(swapRequests)
    .set(set)
    .where(and(eq(swapRequests.id, swapId), eq(swapRequests.status, from)))
    .returning();
  return row;
}

export async function insertSwap(
  q: Queryable,
  values: { shiftId: string; offeredBy: string; code: string },
): Promise<SwapRow> {
  const [row] = await q.insert(swapRequests).values(values).returning();
  return row!;
}

/** The territory of a professional, or undefined for an unknown one. */
export async function territoryOfProfessional(q: Queryable, professionalId: string) {
  const [row] = await q
    .select({ territoryId: professionals.territoryId })
    .from(professionals)
    .where(eq(professionals.id, professionalId));
  return row?.territoryId;
}

/** Is the professional a member of the service? */
export async function isServiceMember(q: Queryable, serviceId: string, professionalId: string) {
  const [row] = await q
    .select({ serviceId: serviceMembers.serviceId })
    .from(serviceMembers)
    .where(
      and(
        eq(serviceMembers.serviceId, serviceId),
        eq(serviceMembers.professionalId, professionalId),
      ),
    );
  return row !== undefined;
}
