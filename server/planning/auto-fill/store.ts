import { and, eq, gt, inArray, lt } from 'drizzle-orm';
import type { Queryable } from '../../../db/client.js';
import { serviceMembers, unavailabilities } from '../../../db/schema/index.js';

/** The ids of a service's members: those auto-fill may propose. */
export async function memberIdsOf(q: Queryable, serviceId: string): Promise<string[]> {
  const rows = await q
    .select({ id: serviceMembers.professionalId })
    .from(serviceMembers)
    .where(eq(serviceMembers.serviceId, serviceId));
  return rows.map((m) => m.id);
}

/** The leave of these professionals overlapping [start, end). */
export function leaveOverlapping(q: Queryable, professionalIds: string[], start: Date, end: Date) {
  if (!professionalIds.length) return Promise.resolve([]);
  return q
    .select()
    .from(unavailabilities)
    .where(
      and(
        inArray(unavailabilities.professionalId, professionalIds),
        lt(unavailabilities.startsAt, end),
        gt(unavailabilities.endsAt, start),
      ),
    );
}
