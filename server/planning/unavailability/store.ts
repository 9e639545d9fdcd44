import { and, asc, eq, gt, inArray, lt } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Queryable } from '../../../db/client.js';
import {
  overrides,
  professionals,
  services,
  shifts,
  unavailabilities,
} from '../../../db/schema/index.js';
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

/** Everybody's leave in a territory overlapping [from, to), with names: the managers' leave page. */
export function leaveOfTerritory(db: Queryable, territoryId: string, from: Date, to: Date) {
  return db
    .select({
      id: unavailabilities.id,
      professionalId: unavailabilities.professionalId,
      name: professionals.name,
      startsAt: unavailabilities.startsAt,
      endsAt: unavailabilities.endsAt,
      reason: unavailabilities.reason,
    })
    .from(unavailabilities)
    .innerJoin(professionals, eq(professionals.id, unavailabilities.professionalId))
    .where(
      and(
        eq(professionals.territoryId, territoryId),
        lt(unavailabilities.startsAt, to),
        gt(unavailabilities.endsAt, from),
      ),
    )
    .orderBy(asc(unavailabilities.startsAt), asc(professionals.name));
}

const replacing = alias(professionals, 'replacing');
const replaced = alias(professionals, 'replaced');

/** The overrides of a service's active shifts overlapping [from, to): who replaces whom, when. */
export function overridesOfService(db: Queryable, serviceId: string, from: Date, to: Date) {
  return db
    .select({
      id: overrides.id,
      shiftId: overrides.shiftId,
      startsAt: overrides.startsAt,
      endsAt: overrides.endsAt,
      replacingName: replacing.name,
      replacedName: replaced.name,
      shiftStartsAt: shifts.startsAt,
      shiftEndsAt: shifts.endsAt,
      level: shifts.level,
    })
    .from(overrides)
    .innerJoin(shifts, eq(shifts.id, overrides.shiftId))
    .innerJoin(replacing, eq(replacing.id, overrides.professionalId))
    .leftJoin(replaced, eq(replaced.id, shifts.professionalId))
    .where(
      and(
        eq(shifts.serviceId, serviceId),
        eq(shifts.status, 'active'),
        lt(overrides.startsAt, to),
        gt(overrides.endsAt, from),
      ),
    )
    .orderBy(asc(overrides.startsAt));
}

/** One override with its shift, service and both names (the cancel confirmation), or undefined. */
export async function overrideById(db: Queryable, id: string) {
  const [row] = await db
    .select({
      id: overrides.id,
      startsAt: overrides.startsAt,
      endsAt: overrides.endsAt,
      replacingName: replacing.name,
      replacedName: replaced.name,
      serviceId: shifts.serviceId,
      territoryId: services.territoryId,
    })
    .from(overrides)
    .innerJoin(shifts, eq(shifts.id, overrides.shiftId))
    .innerJoin(services, eq(services.id, shifts.serviceId))
    .innerJoin(replacing, eq(replacing.id, overrides.professionalId))
    .leftJoin(replaced, eq(replaced.id, shifts.professionalId))
    .where(eq(overrides.id, id));
  return row;
}
