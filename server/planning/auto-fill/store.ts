import { and, eq, gt, inArray, lt } from 'drizzle-orm';
import type { Queryable } from '../../../db/client.js';
import { serviceMembers, services, shifts } from '../../../db/schema/index.js';
import type { Shift } from '../../../rota/types.js';

/** The ids of a service's members: those auto-fill may propose. */
export async function memberIdsOf(q: Queryable, serviceId: string): Promise<string[]> {
  const rows = await q
    .select({ id: serviceMembers.professionalId })
    .from(serviceMembers)
    .where(eq(serviceMembers.serviceId, serviceId));
  return rows.map((m) => m.id);
}

/**
 * The active shifts these professionals hold on any service of the territory over [from, to):
 * a year of history and the other services (kiné, pharmacy…) weigh in auto-fill and fairness.
 */
export async function territoryShiftsOf(
  q: Queryable,
  territoryId: string,
  professionalIds: readonly string[],
  from: Date,
  to: Date,
): Promise<Shift[]> {
  if (professionalIds.length === 0) return [];
  const rows = await q
    .select({
      id: shifts.id,
      serviceId: shifts.serviceId,
      professionalId: shifts.professionalId,
      startsAt: shifts.startsAt,
      endsAt: shifts.endsAt,
      level: shifts.level,
    })
    .from(shifts)
    .innerJoin(services, eq(services.id, shifts.serviceId))
    .where(
      and(
        eq(services.territoryId, territoryId),
        eq(shifts.status, 'active'),
        inArray(shifts.professionalId, [...professionalIds]),
        lt(shifts.startsAt, to),
        gt(shifts.endsAt, from),
      ),
    )
    .orderBy(shifts.startsAt, shifts.level);
  return rows;
}
