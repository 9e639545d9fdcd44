import { and, asc, eq, gt, lt } from 'drizzle-orm';
import type { Queryable } from '../../../db/client.js';
import { professionals, services, shifts, territories } from '../../../db/schema/index.js';

/** The professional whose secret feed token this is, with their territory's zone. */
export async function professionalByIcalToken(q: Queryable, token: string) {
  const [row] = await q
    .select({ p: professionals, zone: territories.timeZone })
    .from(professionals)
    .innerJoin(territories, eq(territories.id, professionals.territoryId))
    .where(eq(professionals.icalToken, token));
  return row;
}

/** A professional's active shifts ending after `since`, with the service's name. */
export function activeShiftsOfProfessional(
  q: Queryable,
  professionalId: string,
  window: { since: Date; until: Date },
) {
  return q
    .select({ s: shifts, service: services.name })
    .from(shifts)
    .innerJoin(services, eq(services.id, shifts.serviceId))
    .where(
      and(
        eq(shifts.professionalId, professionalId),
        eq(shifts.status, 'active'),
        gt(shifts.endsAt, window.since),
        lt(shifts.startsAt, window.until),
      ),
    )
    .orderBy(asc(shifts.startsAt));
}

/** The service whose secret feed token this is, with its territory's zone. */
export async function serviceByIcalToken(q: Queryable, token: string) {
  const [row] = await q
    .select({ s: services, zone: territories.timeZone })
    .from(services)
    .innerJoin(territories, eq(territories.id, services.territoryId))
    .where(eq(services.icalToken, token));
  return row;
}

/** A service's active shifts ending after `since`, with the name of whoever holds each. */
export function activeShiftsOfService(
  q: Queryable,
  serviceId: string,
  window: { since: Date; until: Date },
) {
  return q
    .select({ s: shifts, name: professionals.name })
    .from(shifts)
    .leftJoin(professionals, eq(professionals.id, shifts.professionalId))
    .where(
      and(
        eq(shifts.serviceId, serviceId),
        eq(shifts.status, 'active'),
        gt(shifts.endsAt, window.since),
        lt(shifts.startsAt, window.until),
      ),
    )
    .orderBy(asc(shifts.startsAt));
}
