import { and, asc, eq, gt, inArray, lt, or } from 'drizzle-orm';
import type { Queryable } from '../../../db/client.js';
import {
  overrides,
  professionals,
  services,
  shifts,
  territories,
} from '../../../db/schema/index.js';

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

/**
 * The active shifts in the window a professional holds or takes over part of (an override), with
 * the service's name and the holder's: the feed keeps only the parts that are theirs.
 */
export function activeShiftsOfProfessional(
  q: Queryable,
  professionalId: string,
  window: { since: Date; until: Date },
) {
  const overridden = q
    .select({ id: overrides.shiftId })
    .from(overrides)
    .where(eq(overrides.professionalId, professionalId));
  return q
    .select({ s: shifts, service: services.name, name: professionals.name })
    .from(shifts)
    .innerJoin(services, eq(services.id, shifts.serviceId))
    .leftJoin(professionals, eq(professionals.id, shifts.professionalId))
    .where(
      and(
        or(eq(shifts.professionalId, professionalId), inArray(shifts.id, overridden)),
        eq(shifts.status, 'active'),
        gt(shifts.endsAt, window.since),
        lt(shifts.startsAt, window.until),
      ),
    )
    .orderBy(asc(shifts.startsAt));
}

/** Every override of these shifts, with the replacing professional's name. */
export async function overridesOfShifts(q: Queryable, shiftIds: string[]) {
  if (shiftIds.length === 0) return [];
  return q
    .select({ o: overrides, name: professionals.name })
    .from(overrides)
    .innerJoin(professionals, eq(professionals.id, overrides.professionalId))
    .where(inArray(overrides.shiftId, shiftIds));
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
