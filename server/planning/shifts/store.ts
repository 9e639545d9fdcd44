import { and, eq, gt, inArray, lt, notInArray, or, sql } from 'drizzle-orm';
import type { Queryable } from '../../../db/client.js';
import {
  professionals,
  serviceMembers,
  services,
  shifts,
  territories,
} from '../../../db/schema/index.js';

export type ShiftRow = typeof shifts.$inferSelect;
export type ShiftValues = Pick<
  ShiftRow,
  'serviceId' | 'professionalId' | 'level' | 'startsAt' | 'endsAt' | 'kind'
>;

/** A service with its territory (zone, settings), or undefined. */
export async function serviceWithTerritory(q: Queryable, serviceId: string) {
  const [row] = await q
    .select({ service: services, territory: territories })
    .from(services)
    .innerJoin(territories, eq(territories.id, services.territoryId))
    .where(eq(services.id, serviceId));
  return row;
}

/** A shift with its service and territory, or undefined. */
export async function shiftWithTerritory(q: Queryable, shiftId: string) {
  const [row] = await q
    .select({ shift: shifts, service: services, territory: territories })
    .from(shifts)
    .innerJoin(services, eq(services.id, shifts.serviceId))
    .innerJoin(territories, eq(territories.id, services.territoryId))
    .where(eq(shifts.id, shiftId));
  return row;
}

/** A professional with whether they are a member of the service, or undefined. */
export async function professionalForService(
  q: Queryable,
  professionalId: string,
  serviceId: string,
) {
  const [row] = await q
    .select({ person: professionals, memberOf: serviceMembers.serviceId })
    .from(professionals)
    .leftJoin(
      serviceMembers,
      and(
        eq(serviceMembers.professionalId, professionals.id),
        eq(serviceMembers.serviceId, serviceId),
      ),
    )
    .where(eq(professionals.id, professionalId));
  return row && { ...row.person, member: row.memberOf !== null };
}

/**
 * The active shifts that a shift over [startsAt, endsAt) would collide with: the same
 * professional on any service of the territory, or the same service at the same level (`slot`).
 * The one overlap query every door uses.
 */
export function shiftsOverlapping(
  q: Queryable,
  shift: {
    territoryId: string;
    /** One professional, or several (who among them is busy then). */
    professionalId: string | null | string[];
    slot?: { serviceId: string; level: number };
    startsAt: Date;
    endsAt: Date;
  },
  except: string[] = [],
) {
  const collisions = [
    ...(Array.isArray(shift.professionalId)
      ? shift.professionalId.length
        ? [inArray(shifts.professionalId, shift.professionalId)]
        : []
      : shift.professionalId
        ? [eq(shifts.professionalId, shift.professionalId)]
        : []),
    ...(shift.slot
      ? [and(eq(shifts.serviceId, shift.slot.serviceId), eq(shifts.level, shift.slot.level))]
      : []),
  ];
  return q
    .select({
      id: shifts.id,
      startsAt: shifts.startsAt,
      professionalId: shifts.professionalId,
      serviceId: shifts.serviceId,
      level: shifts.level,
    })
    .from(shifts)
    .innerJoin(services, eq(services.id, shifts.serviceId))
    .where(
      and(
        eq(services.territoryId, shift.territoryId),
        eq(shifts.status, 'active'),
        lt(shifts.startsAt, shift.endsAt),
        gt(shifts.endsAt, shift.startsAt),
        collisions.length ? or(...collisions) : sql`false`,
        ...(except.length ? [notInArray(shifts.id, except)] : []),
      ),
    )
    .orderBy(shifts.startsAt);
}

/** The active shift of a service at a level starting at an instant (CSV import's identity of a row). */
export async function shiftStartingAt(
  q: Queryable,
  serviceId: string,
  level: number,
  startsAt: Date,
): Promise<ShiftRow | undefined> {
  const [row] = await q
    .select()
    .from(shifts)
    .where(
      and(
        eq(shifts.serviceId, serviceId),
        eq(shifts.level, level),
        eq(shifts.startsAt, startsAt),
        eq(shifts.status, 'active'),
      ),
    )
    .limit(1);
  return row;
}

/** A service's active shifts that overlap [from, to): the rota window every reader loads. */
const activeInWindow = (serviceId: string, from: Date, to: Date) =>
  and(
    eq(shifts.serviceId, serviceId),
    eq(shifts.status, 'active'),
    lt(shifts.startsAt, to),
    gt(shifts.endsAt, from),
  );

/** The active shifts of a service over [from, to), earliest first. */
export function activeShiftsOf(q: Queryable, serviceId: string, from: Date, to: Date) {
  return q
    .select()
    .from(shifts)
    .where(activeInWindow(serviceId, from, to))
    .orderBy(shifts.startsAt, shifts.level);
}

/** Same as `activeShiftsOf`, with the mobile of whoever holds each shift (the CSV export). */
export function activeShiftsWithMobiles(q: Queryable, serviceId: string, from: Date, to: Date) {
  return q
    .select({ shift: shifts, mobile: professionals.mobile })
    .from(shifts)
    .leftJoin(professionals, eq(professionals.id, shifts.professionalId))
    .where(activeInWindow(serviceId, from, to))
    .orderBy(shifts.startsAt, shifts.level);
}

/** The professionals of a territory, for resolving a CSV's professional column. */
export function professionalsOfTerritory(q: Queryable, territoryId: string) {
  return q
    .select({ id: professionals.id, name: professionals.name, mobile: professionals.mobile })
    .from(professionals)
    .where(eq(professionals.territoryId, territoryId));
}

export async function insertShift(q: Queryable, values: ShiftValues): Promise<ShiftRow> {
  const [row] = await q.insert(shifts).values(values).returning();
  return row!;
}

/** Changes a shift and bumps its version (iCal SEQUENCE, the reminders' identity). */
export async function updateShift(
  q: Queryable,
  shiftId: string,
  values: Partial<ShiftValues> | { status: 'cancelled' },
  at: Date,
): Promise<ShiftRow> {
  const [row] = await q
    .update(shifts)
    .set({ ...values, version: sql`${shifts.version} + 1`, updatedAt: at })
    .where(eq(shifts.id, shiftId))
    .returning();
  return row!;
}
