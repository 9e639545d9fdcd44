import { and, eq, gt, inArray, lt } from 'drizzle-orm';
import type { Queryable } from '../../../db/client.js';
import { services, shifts, unavailabilities } from '../../../db/schema/index.js';
import type { Unavailability } from '../../../rota/types.js';

/** The leave of these professionals overlapping [from, to): what gaps and the line weigh. */
export async function leaveOf(
  db: Queryable,
  professionalIds: readonly (string | null)[],
  from: Date,
  to: Date,
): Promise<Unavailability[]> {
  const ids = [...new Set(professionalIds.filter((id): id is string => id !== null))];
  if (ids.length === 0) return [];
  return db
    .select({
      professionalId: unavailabilities.professionalId,
      startsAt: unavailabilities.startsAt,
      endsAt: unavailabilities.endsAt,
    })
    .from(unavailabilities)
    .where(
      and(
        inArray(unavailabilities.professionalId, ids),
        lt(unavailabilities.startsAt, to),
        gt(unavailabilities.endsAt, from),
      ),
    );
}

/**
 * The active shifts a professional holds over [from, to): recording leave over them is allowed
 * (leave is a fact) but each one becomes a hole the professional and the managers must fill.
 */
export function shiftsHeldDuring(db: Queryable, professionalId: string, from: Date, to: Date) {
  return db
    .select({
      shiftId: shifts.id,
      serviceId: shifts.serviceId,
      serviceName: services.name,
      startsAt: shifts.startsAt,
      endsAt: shifts.endsAt,
      level: shifts.level,
    })
    .from(shifts)
    .innerJoin(services, eq(services.id, shifts.serviceId))
    .where(
      and(
        eq(shifts.professionalId, professionalId),
        eq(shifts.status, 'active'),
        lt(shifts.startsAt, to),
        gt(shifts.endsAt, from),
      ),
    )
    .orderBy(shifts.startsAt);
}
