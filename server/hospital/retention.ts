import { and, eq, isNull, lt, notExists, or, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { hl7Messages, hospitalStays, stayMovements } from '../../db/schema/index.js';

const count = async (rows: Promise<unknown[]>) => (await rows).length;

// A message still carrying a movement of a kept stay stays with it.
const unreferenced = notExists(
  sql`(select 1 from ${stayMovements} where ${stayMovements.messageId} = ${hl7Messages.id})`,
);

/**
 * The hospital retention: stays discharged or cancelled before `before` go, and with them (on
 * delete cascade) their movements, notices and return-home items; then the ADT messages older
 * than `before` that no kept movement refers to. `territoryId` null: the refused messages of no
 * territory.
 */
export async function purgeHospital(
  db: Queryable,
  territoryId: string | null,
  before: Date,
): Promise<number> {
  let purged = 0;
  if (territoryId)
    purged += await count(
      db
        .delete(hospitalStays)
        .where(
          and(
            eq(hospitalStays.territoryId, territoryId),
            or(
              and(eq(hospitalStays.status, 'discharged'), lt(hospitalStays.dischargedAt, before)),
              and(eq(hospitalStays.status, 'cancelled'), lt(hospitalStays.updatedAt, before)),
            ),
          ),
        )
        .returning({ id: hospitalStays.id }),
    );
  const ofTerritory: SQL = territoryId
    ? eq(hl7Messages.territoryId, territoryId)
    : isNull(hl7Messages.territoryId);
  purged += await count(
    db
      .delete(hl7Messages)
      .where(and(ofTerritory, lt(hl7Messages.receivedAt, before), unreferenced))
      .returning({ id: hl7Messages.id }),
  );
  return purged;
}
