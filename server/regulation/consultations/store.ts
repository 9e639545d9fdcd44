import { and, asc, eq, gt, gte, inArray, lt, or, sql } from 'drizzle-orm';
import type { Queryable } from '../../../db/client.js';
import {
  callRecords,
  consultationBookings,
  overrides,
  services,
  shifts,
  territories,
} from '../../../db/schema/index.js';
import type { ConsultationLoad, ConsultationShift } from '../../../rota/consultation-slots.js';

export type BookingRow = typeof consultationBookings.$inferSelect;
export type EffecteurService = Pick<
  typeof services.$inferSelect,
  'id' | 'territoryId' | 'name' | 'place' | 'consultationSlotMinutes' | 'consultationCapacity'
>;

const effecteurColumns = {
  id: services.id,
  territoryId: services.territoryId,
  name: services.name,
  place: services.place,
  consultationSlotMinutes: services.consultationSlotMinutes,
  consultationCapacity: services.consultationCapacity,
};
/** A doctors' rota whose doctors see patients at the MMG: the effecteur of a consultation. */
const isEffecteur = and(
  eq(services.active, true),
  eq(services.kind, 'doctor'),
  eq(services.modality, 'consultation'),
);

/** A call with what booking from it needs: its territory, caller and régulateur. */
export async function callForConsultation(db: Queryable, callId: string) {
  const [row] = await db
    .select({
      id: callRecords.id,
      territoryId: callRecords.territoryId,
      fromNumber: callRecords.fromNumber,
      toNumber: callRecords.toNumber,
      callerHidden: callRecords.callerHidden,
      lang: callRecords.lang,
      connectedProfessionalId: callRecords.connectedProfessionalId,
      territoryName: territories.name,
      timeZone: territories.timeZone,
    })
    .from(callRecords)
    .innerJoin(territories, eq(territories.id, callRecords.territoryId))
    .where(eq(callRecords.id, callId));
  return row ?? null;
}
export type CallForConsultation = NonNullable<Awaited<ReturnType<typeof callForConsultation>>>;

/** Locks the call's row: one booking per call, however many tabs post at once. */
export async function lockCall(tx: Queryable, callId: string): Promise<void> {
  await tx
    .select({ id: callRecords.id })
    .from(callRecords)
    .where(eq(callRecords.id, callId))
    .for('update');
}

/** Locks an effecteur service's row: bookings of its slots are counted and written one at a time. */
export async function lockEffecteur(
  tx: Queryable,
  territoryId: string,
  serviceId: string,
): Promise<EffecteurService | null> {
  const [row] = await tx
    .select(effecteurColumns)
    .from(services)
    .where(and(eq(services.id, serviceId), eq(services.territoryId, territoryId), isEffecteur))
    .for('update');
  return row ?? null;
}

export function effecteursOf(db: Queryable, territoryIds: string[]): Promise<EffecteurService[]> {
  if (territoryIds.length === 0) return Promise.resolve([]);
  return db
    .select(effecteurColumns)
    .from(services)
    .where(and(inArray(services.territoryId, territoryIds), isEffecteur))
    .orderBy(asc(services.name));
}

/** Level-1 active shifts of the services overlapping `[from, to)`: the doctors at the MMG. */
export async function presenceShifts(
  db: Queryable,
  serviceIds: string[],
  from: Date,
  to: Date,
): Promise<ConsultationShift[]> {
  if (serviceIds.length === 0) return [];
  return db
    .select({
      serviceId: shifts.serviceId,
      professionalId: shifts.professionalId,
      startsAt: shifts.startsAt,
      endsAt: shifts.endsAt,
      level: shifts.level,
      status: shifts.status,
    })
    .from(shifts)
    .where(
      and(
        inArray(shifts.serviceId, serviceIds),
        eq(shifts.status, 'active'),
        eq(shifts.level, 1),
        lt(shifts.startsAt, to),
        gt(shifts.endsAt, from),
      ),
    );
}

/** The bookings of the services' slots starting within `[from, to)`. */
export function bookingsBetween(
  db: Queryable,
  serviceIds: string[],
  from: Date,
  to: Date,
): Promise<BookingRow[]> {
  if (serviceIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(consultationBookings)
    .where(
      and(
        inArray(consultationBookings.serviceId, serviceIds),
        gte(consultationBookings.slotStartsAt, from),
        lt(consultationBookings.slotStartsAt, to),
      ),
    )
    .orderBy(asc(consultationBookings.slotStartsAt), asc(consultationBookings.createdAt));
}

export const loadsOf = (rows: readonly BookingRow[]): ConsultationLoad[] =>
  rows.map((r) => ({ serviceId: r.serviceId, slotStartsAt: r.slotStartsAt, status: r.status }));

/** The booking of a call still holding a place, if any. */
export async function activeBookingOfCall(db: Queryable, callId: string) {
  const [row] = await db
    .select()
    .from(consultationBookings)
    .where(and(eq(consultationBookings.callId, callId), eq(consultationBookings.status, 'booked')))
    .limit(1);
  return row ?? null;
}

export async function insertBooking(
  tx: Queryable,
  values: typeof consultationBookings.$inferInsert,
): Promise<BookingRow> {
  const [row] = await tx.insert(consultationBookings).values(values).returning();
  return row!;
}

export async function setBookingStatus(
  tx: Queryable,
  id: string,
  status: BookingRow['status'],
  at: Date,
): Promise<BookingRow> {
  const [row] = await tx
    .update(consultationBookings)
    .set({ status, updatedAt: at })
    .where(eq(consultationBookings.id, id))
    .returning();
  return row!;
}

/** A booking with its service and territory, locked for a change of status. */
export async function bookingForUpdate(tx: Queryable, id: string) {
  const [row] = await tx
    .select({
      booking: consultationBookings,
      service: effecteurColumns,
      timeZone: territories.timeZone,
    })
    .from(consultationBookings)
    .innerJoin(services, eq(services.id, consultationBookings.serviceId))
    .innerJoin(territories, eq(territories.id, consultationBookings.territoryId))
    .where(eq(consultationBookings.id, id))
    .for('update', { of: consultationBookings });
  return row ?? null;
}

/**
 * The number's next consultation still to come (its slot not over), locked: what its "ANNULER"
 * cancels. Within the territory whose number received the SMS, when known.
 */
export async function nextBookingOf(
  tx: Queryable,
  number: string,
  territoryId: string | null,
  now: Date,
) {
  const [row] = await tx
    .select({
      booking: consultationBookings,
      territoryName: territories.name,
      timeZone: territories.timeZone,
    })
    .from(consultationBookings)
    .innerJoin(services, eq(services.id, consultationBookings.serviceId))
    .innerJoin(territories, eq(territories.id, consultationBookings.territoryId))
    .where(
      and(
        eq(consultationBookings.patientNumber, number),
        eq(consultationBookings.status, 'booked'),
        territoryId ? eq(consultationBookings.territoryId, territoryId) : undefined,
        sql`${consultationBookings.slotStartsAt} + ${services.consultationSlotMinutes} * interval '1 minute' > ${now.toISOString()}::timestamptz`,
      ),
    )
    .orderBy(asc(consultationBookings.slotStartsAt))
    .limit(1)
    .for('update', { of: consultationBookings });
  return row ?? null;
}

/**
 * The effecteur services a professional is at during `[from, to)`: holding a level-1 shift of
 * theirs, or replacing its holder (an override).
 */
export async function servicesStaffedBy(
  db: Queryable,
  professionalId: string,
  from: Date,
  to: Date,
): Promise<string[]> {
  const rows = await db
    .selectDistinct({ serviceId: shifts.serviceId })
    .from(shifts)
    .innerJoin(services, eq(services.id, shifts.serviceId))
    .leftJoin(overrides, eq(overrides.shiftId, shifts.id))
    .where(
      and(
        isEffecteur,
        eq(shifts.status, 'active'),
        eq(shifts.level, 1),
        or(
          and(
            eq(shifts.professionalId, professionalId),
            lt(shifts.startsAt, to),
            gt(shifts.endsAt, from),
          ),
          and(
            eq(overrides.professionalId, professionalId),
            lt(overrides.startsAt, to),
            gt(overrides.endsAt, from),
          ),
        ),
      ),
    );
  return rows.map((r) => r.serviceId);
}
