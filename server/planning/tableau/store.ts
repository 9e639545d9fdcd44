import { and, asc, eq, gte, inArray, lt } from 'drizzle-orm';
import type { Queryable } from '../../../db/client.js';
import {
  overrides,
  services,
  shifts,
  swapRequests,
  tableauPeriods,
  territories,
} from '../../../db/schema/index.js';
import type { TableauSlot } from '../../../rota/tableau.js';
import { readableTerritories, type Actor } from '../../access/actor.js';

export type TableauPeriodRow = typeof tableauPeriods.$inferSelect;

/** The services (with their territory) of the territories the actor reads, by name. */
export function servicesWithTerritories(q: Queryable, actor: Actor) {
  return q
    .select({ service: services, territory: territories })
    .from(services)
    .innerJoin(territories, eq(territories.id, services.territoryId))
    .where(readableTerritories(actor, services.territoryId))
    .orderBy(asc(territories.name), asc(services.name));
}

/** The tableau periods of these services, earliest first. */
export function periodsOfServices(q: Queryable, serviceIds: string[]) {
  if (!serviceIds.length) return Promise.resolve([]);
  return q
    .select()
    .from(tableauPeriods)
    .where(inArray(tableauPeriods.serviceId, serviceIds))
    .orderBy(asc(tableauPeriods.startsOn), asc(tableauPeriods.endsOn));
}

/** The period of a service with exactly these first and last days. */
export async function periodOf(q: Queryable, serviceId: string, startsOn: string, endsOn: string) {
  const [row] = await q
    .select()
    .from(tableauPeriods)
    .where(
      and(
        eq(tableauPeriods.serviceId, serviceId),
        eq(tableauPeriods.startsOn, startsOn),
        eq(tableauPeriods.endsOn, endsOn),
      ),
    );
  return row;
}

/** Adds a period; undefined when the service already has it (the unique span). */
export async function insertPeriod(
  q: Queryable,
  values: { territoryId: string; serviceId: string; startsOn: string; endsOn: string },
) {
  const [row] = await q.insert(tableauPeriods).values(values).onConflictDoNothing().returning();
  return row;
}

/** Records that a period went to the Ordre, with the tableau as it was sent. */
export async function setPeriodSent(
  q: Queryable,
  id: string,
  sent: { sentOn: string; sentBy: string; sentByLabel: string; snapshot: TableauSlot[] },
) {
  const [row] = await q
    .update(tableauPeriods)
    .set(sent)
    .where(eq(tableauPeriods.id, id))
    .returning();
  return row!;
}

/** A service's active shifts starting in [from, to), by time then level. */
export function shiftsStartingBetween(q: Queryable, serviceId: string, from: Date, to: Date) {
  return q
    .select()
    .from(shifts)
    .where(
      and(
        eq(shifts.serviceId, serviceId),
        eq(shifts.status, 'active'),
        gte(shifts.startsAt, from),
        lt(shifts.startsAt, to),
      ),
    )
    .orderBy(asc(shifts.startsAt), asc(shifts.level));
}

/** The overrides of these shifts. */
export function overridesOfShifts(q: Queryable, shiftIds: string[]) {
  if (!shiftIds.length) return Promise.resolve([]);
  return q.select().from(overrides).where(inArray(overrides.shiftId, shiftIds));
}

/** The approved swaps of these shifts (who gave each shift away, and when). */
export function approvedSwapsOfShifts(q: Queryable, shiftIds: string[]) {
  if (!shiftIds.length) return Promise.resolve([]);
  return q
    .select({
      shiftId: swapRequests.shiftId,
      offeredBy: swapRequests.offeredBy,
      decidedAt: swapRequests.decidedAt,
    })
    .from(swapRequests)
    .where(and(inArray(swapRequests.shiftId, shiftIds), eq(swapRequests.status, 'approved')));
}
