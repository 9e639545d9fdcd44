import { and, eq, gte, lt } from 'drizzle-orm';
import type { Queryable } from '../../../db/client.js';
import {
  callRecords,
  consultationBookings,
  regulationFiches,
  territories,
} from '../../../db/schema/index.js';

/** The fiches of the territory's calls started in [since, until): decision and whether completed. */
export function fichesOfCallsBetween(db: Queryable, territoryId: string, since: Date, until: Date) {
  return db
    .select({ decision: regulationFiches.decision, completedAt: regulationFiches.completedAt })
    .from(regulationFiches)
    .innerJoin(callRecords, eq(callRecords.id, regulationFiches.callId))
    .where(
      and(
        eq(regulationFiches.territoryId, territoryId),
        gte(callRecords.startedAt, since),
        lt(callRecords.startedAt, until),
      ),
    );
}

/** The MMG consultations of the territory whose slot is in [since, until). */
export function bookingsBetween(db: Queryable, territoryId: string, since: Date, until: Date) {
  return db
    .select({ status: consultationBookings.status })
    .from(consultationBookings)
    .where(
      and(
        eq(consultationBookings.territoryId, territoryId),
        gte(consultationBookings.slotStartsAt, since),
        lt(consultationBookings.slotStartsAt, until),
      ),
    );
}

export async function territoryForReport(db: Queryable, territoryId: string) {
  const [row] = await db
    .select({ id: territories.id, name: territories.name, timeZone: territories.timeZone })
    .from(territories)
    .where(eq(territories.id, territoryId));
  return row ?? null;
}
