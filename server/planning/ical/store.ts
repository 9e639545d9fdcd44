import { and, asc, eq, gt, lt } from 'drizzle-orm';
import type { Queryable } from '../../../db/client.js';
import { professionals, services, shifts, territories } from '../../../db/schema/index.js';

/**
 * The active professional whose secret feed token this is, with their territory's zone. A
 * deactivated professional's feed answers as an unknown one: it stops with the person.
 */
export async function professionalByIcalToken(q: Queryable, token: string) {
  const [row] = await q
    .select({ p: professionals, zone: territories.timeZone })
    .from(professionals)
    .innerJoin(territories, eq(territories.id, professionals.territoryId))
    .where(and(eq(professionals.icalToken, token), eq(professionals.active, true)));
  return row;
}

/** A new secret for a professional's feed: the old URL stops at once. False when unknown. */
export async function replaceProfessionalIcalToken(
  q: Queryable,
  professionalId: string,
  token: string,
): Promise<{ territoryId: string } | undefined> {
  const [row] = await q
    .update(professionals)
    .set({ icalToken: token })
    .where(eq(professionals.id, professionalId))
    .returning({ territoryId: professionals.territoryId });
  return row;
}

/** A new secret for a service's feed: the old URL stops at once. */
export async function replaceServiceIcalToken(
  q: Queryable,
  serviceId: string,
  token: string,
): Promise<{ territoryId: string } | undefined> {
  const [row] = await q
    .update(services)
    .set({ icalToken: token })
    .where(eq(services.id, serviceId))
    .returning({ territoryId: services.territoryId });
  return row;
}

/** The territory of a professional, to authorize a rotation before it happens. */
export async function territoryOfProfessional(q: Queryable, professionalId: string) {
  const [row] = await q
    .select({ territoryId: professionals.territoryId })
    .from(professionals)
    .where(eq(professionals.id, professionalId));
  return row?.territoryId;
}

/** The territory of a service, to authorize a rotation before it happens. */
export async function territoryOfService(q: Queryable, serviceId: string) {
  const [row] = await q
    .select({ territoryId: services.territoryId })
    .from(services)
    .where(eq(services.id, serviceId));
  return row?.territoryId;
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

/** The active service whose secret feed token this is, with its territory's zone. */
export async function serviceByIcalToken(q: Queryable, token: string) {
  const [row] = await q
    .select({ s: services, zone: territories.timeZone })
    .from(services)
    .innerJoin(territories, eq(territories.id, services.territoryId))
    .where(and(eq(services.icalToken, token), eq(services.active, true)));
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
