import { and, asc, eq, gt, inArray, lt, ne } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import {
  professionals,
  serviceMembers,
  services,
  shifts,
  swapRequests,
  territories,
  unavailabilities,
} from '../../../db/schema/index.js';
import type { Actor } from '../../access/actor.js';
import { forbidden } from '../../platform/http-errors.js';

const horizonMs = 90 * 86_400_000;

/** What "Mes gardes" shows: own shifts ahead (with any open swap), colleagues' offers one may take, own leave. */
export async function loadMyShifts(db: Database, actor: Actor, now: Date) {
  if (!actor.professionalId)
    throw forbidden('Cette page est réservée aux professionnels de garde.');
  const [row] = await db
    .select({ me: professionals, zone: territories.timeZone })
    .from(professionals)
    .innerJoin(territories, eq(territories.id, professionals.territoryId))
    .where(eq(professionals.id, actor.professionalId));
  if (!row) throw forbidden('Cette page est réservée aux professionnels de garde.');
  const me = row.me;
  const until = new Date(now.getTime() + horizonMs);
  const own = await db
    .select({ shift: shifts, service: services.name })
    .from(shifts)
    .innerJoin(services, eq(services.id, shifts.serviceId))
    .where(
      and(
        eq(shifts.professionalId, me.id),
        eq(shifts.status, 'active'),
        gt(shifts.endsAt, now),
        lt(shifts.startsAt, until),
      ),
    )
    .orderBy(asc(shifts.startsAt));
  const openSwaps = own.length
    ? await db
        .select()
        .from(swapRequests)
        .where(
          and(
            inArray(
              swapRequests.shiftId,
              own.map((s) => s.shift.id),
            ),
            inArray(swapRequests.status, ['offered', 'taken']),
          ),
        )
    : [];
  const myServices = (
    await db
      .select({ id: serviceMembers.serviceId })
      .from(serviceMembers)
      .where(eq(serviceMembers.professionalId, me.id))
  ).map((s) => s.id);
  const offers = myServices.length
    ? await db
        .select({
          swap: swapRequests,
          shift: shifts,
          service: services.name,
          offeredBy: professionals.name,
        })
        .from(swapRequests)
        .innerJoin(shifts, eq(shifts.id, swapRequests.shiftId))
        .innerJoin(services, eq(services.id, shifts.serviceId))
        .innerJoin(professionals, eq(professionals.id, swapRequests.offeredBy))
        .where(
          and(
            eq(swapRequests.status, 'offered'),
            ne(swapRequests.offeredBy, me.id),
            inArray(shifts.serviceId, myServices),
            eq(shifts.status, 'active'),
            gt(shifts.startsAt, now),
          ),
        )
        .orderBy(asc(shifts.startsAt))
    : [];
  const absences = await db
    .select()
    .from(unavailabilities)
    .where(and(eq(unavailabilities.professionalId, me.id), gt(unavailabilities.endsAt, now)))
    .orderBy(asc(unavailabilities.startsAt));
  return {
    me,
    zone: row.zone,
    shifts: own.map((s) => ({
      ...s.shift,
      service: s.service,
      swap: openSwaps.find((w) => w.shiftId === s.shift.id) ?? null,
    })),
    offers,
    absences,
  };
}
export type MyShifts = Awaited<ReturnType<typeof loadMyShifts>>;
