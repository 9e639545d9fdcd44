import { and, asc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Queryable } from '../../../db/client.js';
import {
  callRecords,
  consultationBookings,
  services,
  territories,
} from '../../../db/schema/index.js';
import type { ConsultationLoad } from '../../../rota/consultation-slots.js';
import { effecteurColumns } from './store.js';

/** Bookings of consultation slots: read, written, locked for a change of status. */
export type BookingRow = typeof consultationBookings.$inferSelect;

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
      /** The language the patient called in: the confirmation adds English for them. */
      lang: callRecords.lang,
    })
    .from(consultationBookings)
    .innerJoin(services, eq(services.id, consultationBookings.serviceId))
    .innerJoin(territories, eq(territories.id, consultationBookings.territoryId))
    .leftJoin(callRecords, eq(callRecords.id, consultationBookings.callId))
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
