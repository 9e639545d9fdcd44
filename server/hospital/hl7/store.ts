import { and, arrayOverlaps, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Queryable } from '../../../db/client.js';
import {
  directoryEntries,
  hl7Messages,
  hospitalStays,
  stayMovements,
  territories,
} from '../../../db/schema/index.js';

export type StayRow = typeof hospitalStays.$inferSelect;
export type MessageInsert = typeof hl7Messages.$inferInsert;

/** The ACK already answered to this (sending facility, MSH-10), if any. */
export async function storedAck(
  db: Queryable,
  sendingFacility: string,
  controlId: string,
): Promise<string | null> {
  const [row] = await db
    .select({ ack: hl7Messages.ack })
    .from(hl7Messages)
    .where(
      and(eq(hl7Messages.sendingFacility, sendingFacility), eq(hl7Messages.controlId, controlId)),
    );
  return row?.ack ?? null;
}

/** The territories whose allow-list names one of MSH-4's identifiers, oldest first. */
export function territoriesAllowing(
  db: Queryable,
  facilityIds: string[],
): Promise<{ id: string; timeZone: string }[]> {
  return db
    .select({ id: territories.id, timeZone: territories.timeZone })
    .from(territories)
    .where(arrayOverlaps(territories.hl7Facilities, facilityIds))
    .orderBy(asc(territories.createdAt));
}

/**
 * Stores a message unless its (facility, control id) is already there; the unique index decides
 * between two deliveries racing on two connections. Null: it was already stored.
 */
export async function insertMessage(db: Queryable, row: MessageInsert): Promise<string | null> {
  const [inserted] = await db
    .insert(hl7Messages)
    .values(row)
    .onConflictDoNothing({ target: [hl7Messages.sendingFacility, hl7Messages.controlId] })
    .returning({ id: hl7Messages.id });
  return inserted?.id ?? null;
}

/** The stay of (facility, visit number), locked for this transaction; null when there is none. */
export async function stayForUpdate(
  db: Queryable,
  sendingFacility: string,
  visitNumber: string,
): Promise<StayRow | null> {
  const [row] = await db
    .select()
    .from(hospitalStays)
    .where(
      and(
        eq(hospitalStays.sendingFacility, sendingFacility),
        eq(hospitalStays.visitNumber, visitNumber),
      ),
    )
    .for('update');
  return row ?? null;
}

/**
 * Creates the stay, or when another connection created it meanwhile, writes over it (the
 * unique (facility, visit) index serialises the two).
 */
export async function upsertStay(
  db: Queryable,
  values: typeof hospitalStays.$inferInsert,
): Promise<string> {
  const { territoryId: _territoryId, sendingFacility: _f, visitNumber: _v, ...changes } = values;
  const [row] = await db
    .insert(hospitalStays)
    .values(values)
    .onConflictDoUpdate({
      target: [hospitalStays.sendingFacility, hospitalStays.visitNumber],
      set: { ...changes, updatedAt: sql`now()` },
    })
    .returning({ id: hospitalStays.id });
  return row!.id;
}

/** The directory entry of a médecin traitant: same RPPS, same territory, still in the register. */
export async function gpEntryByRpps(
  db: Queryable,
  territoryId: string,
  rpps: string,
): Promise<string | null> {
  const [row] = await db
    .select({ id: directoryEntries.id })
    .from(directoryEntries)
    .where(
      and(
        eq(directoryEntries.territoryId, territoryId),
        eq(directoryEntries.rpps, rpps),
        isNull(directoryEntries.goneAt),
      ),
    )
    .orderBy(asc(directoryEntries.lastName))
    .limit(1);
  return row?.id ?? null;
}

/** The movement a cancellation cancels: the one ZBE-1 names, else the latest of these events. */
export async function movementToCancel(
  db: Queryable,
  stayId: string,
  events: string[],
  movementId: string | null,
): Promise<string | null> {
  const open = and(
    eq(stayMovements.stayId, stayId),
    inArray(stayMovements.event, events),
    isNull(stayMovements.cancelledAt),
  );
  const named = movementId ? and(open, eq(stayMovements.movementId, movementId)) : undefined;
  for (const where of named ? [named, open] : [open]) {
    const [row] = await db
      .select({ id: stayMovements.id })
      .from(stayMovements)
      .where(where)
      .orderBy(desc(stayMovements.occurredAt))
      .limit(1);
    if (row) return row.id;
  }
  return null;
}

export async function cancelMovement(db: Queryable, id: string, at: Date): Promise<void> {
  await db.update(stayMovements).set({ cancelledAt: at }).where(eq(stayMovements.id, id));
}

/** Whether the stay already has this live movement (same event, same ZBE-1). */
export async function hasLiveMovement(
  db: Queryable,
  stayId: string,
  event: string,
  movementId: string,
): Promise<boolean> {
  const [row] = await db
    .select({ id: stayMovements.id })
    .from(stayMovements)
    .where(
      and(
        eq(stayMovements.stayId, stayId),
        eq(stayMovements.event, event),
        eq(stayMovements.movementId, movementId),
        isNull(stayMovements.cancelledAt),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/** Null: the same live movement (stay, event, ZBE-1) is already stored (unique partial index). */
export async function insertMovement(
  db: Queryable,
  values: typeof stayMovements.$inferInsert,
): Promise<string | null> {
  const [row] = await db
    .insert(stayMovements)
    .values(values)
    .onConflictDoNothing()
    .returning({ id: stayMovements.id });
  return row?.id ?? null;
}
