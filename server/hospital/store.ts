import { and, asc, desc, eq, gte, inArray, isNull, lt, or } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import {
  directoryEntries,
  hospitalStays,
  returnHomeItems,
  stayMovements,
} from '../../db/schema/index.js';

export type StayRow = typeof hospitalStays.$inferSelect;
export type MovementRow = typeof stayMovements.$inferSelect;
export type EntryRow = typeof directoryEntries.$inferSelect;

/** The territories a coordination page covers: their ids, or null for every one (an admin). */
export type Scope = string[] | null;
const inScope = (scope: Scope) =>
  scope === null
    ? undefined
    : inArray(
        hospitalStays.territoryId,
        scope.length ? scope : ['00000000-0000-4000-8000-000000000000'],
      );

/** Stays a person still has to think about: in hospital, or home for less than this. */
const recentlyHomeMs = 14 * 24 * 3600_000;
const inHospital = inArray(hospitalStays.status, ['pre_admitted', 'admitted', 'on_leave']);
const stillRelevant = (now: Date) =>
  or(
    inHospital,
    and(
      eq(hospitalStays.status, 'discharged'),
      gte(hospitalStays.dischargedAt, new Date(now.getTime() - recentlyHomeMs)),
    ),
  );

export async function stayById(db: Queryable, id: string): Promise<StayRow | null> {
  const [row] = await db.select().from(hospitalStays).where(eq(hospitalStays.id, id));
  return row ?? null;
}

export async function movementById(db: Queryable, id: string): Promise<MovementRow | null> {
  const [row] = await db.select().from(stayMovements).where(eq(stayMovements.id, id));
  return row ?? null;
}

export const movementsOf = (db: Queryable, stayId: string) =>
  db
    .select()
    .from(stayMovements)
    .where(eq(stayMovements.stayId, stayId))
    .orderBy(asc(stayMovements.occurredAt));

export async function entryById(db: Queryable, id: string): Promise<EntryRow | null> {
  const [row] = await db.select().from(directoryEntries).where(eq(directoryEntries.id, id));
  return row ?? null;
}

/** The directory entry a logged-in professional is (their login's professional), if any. */
export async function entryOfProfessional(
  db: Queryable,
  professionalId: string | null,
): Promise<EntryRow | null> {
  if (!professionalId) return null;
  const [row] = await db
    .select()
    .from(directoryEntries)
    .where(eq(directoryEntries.professionalId, professionalId));
  return row ?? null;
}

/** The GP's patients: their stays still relevant, latest first. */
export const staysOfGp = (db: Queryable, entryId: string, now: Date) =>
  db
    .select()
    .from(hospitalStays)
    .where(and(eq(hospitalStays.gpEntryId, entryId), stillRelevant(now)))
    .orderBy(desc(hospitalStays.updatedAt))
    .limit(200);

/** The coordination's worklist: relevant stays whose GP is not in the directory. */
export const staysWithoutGp = (db: Queryable, scope: Scope, now: Date) =>
  db
    .select()
    .from(hospitalStays)
    .where(and(inScope(scope), isNull(hospitalStays.gpEntryId), stillRelevant(now)))
    .orderBy(desc(hospitalStays.updatedAt))
    .limit(500);

/** Every stay of the territories still relevant. */
export const currentStays = (db: Queryable, scope: Scope, now: Date) =>
  db
    .select()
    .from(hospitalStays)
    .where(and(inScope(scope), stillRelevant(now)))
    .orderBy(asc(hospitalStays.expectedDischargeAt), desc(hospitalStays.updatedAt))
    .limit(500);

export const itemsOfStays = (db: Queryable, stayIds: string[]) =>
  stayIds.length
    ? db
        .select()
        .from(returnHomeItems)
        .where(inArray(returnHomeItems.stayId, stayIds))
        .orderBy(asc(returnHomeItems.createdAt), asc(returnHomeItems.kind))
    : Promise.resolve([]);

/** Items given to one directory entry, with their stay (a cancelled stay's are dropped). */
export const itemsAssignedTo = (db: Queryable, entryId: string) =>
  db
    .select({ item: returnHomeItems, stay: hospitalStays })
    .from(returnHomeItems)
    .innerJoin(hospitalStays, eq(hospitalStays.id, returnHomeItems.stayId))
    .where(and(eq(returnHomeItems.assigneeEntryId, entryId), inHospitalOrHome))
    .orderBy(asc(returnHomeItems.dueAt))
    .limit(200);
const inHospitalOrHome = inArray(hospitalStays.status, [
  'pre_admitted',
  'admitted',
  'on_leave',
  'discharged',
]);

/** Items not done by their due date, on stays of the territories. */
export const lateItems = (db: Queryable, scope: Scope, now: Date) =>
  db
    .select({ item: returnHomeItems, stay: hospitalStays })
    .from(returnHomeItems)
    .innerJoin(hospitalStays, eq(hospitalStays.id, returnHomeItems.stayId))
    .where(
      and(
        inScope(scope),
        inHospitalOrHome,
        isNull(returnHomeItems.doneAt),
        lt(returnHomeItems.dueAt, now),
      ),
    )
    .orderBy(asc(returnHomeItems.dueAt))
    .limit(500);

/** Names of directory entries, for the pages. */
export async function entryNames(db: Queryable, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db.select().from(directoryEntries).where(inArray(directoryEntries.id, unique));
  return new Map(rows.map((e) => [e.id, entryName(e)]));
}

export const entryName = (e: Pick<EntryRow, 'civility' | 'firstName' | 'lastName'>) =>
  [e.civility, e.firstName, e.lastName].filter(Boolean).join(' ');

/** Who an item may be given to: the territory's directory, by name. */
export const assignableEntries = (db: Queryable, territoryId: string) =>
  db
    .select({
      id: directoryEntries.id,
      civility: directoryEntries.civility,
      firstName: directoryEntries.firstName,
      lastName: directoryEntries.lastName,
    })
    .from(directoryEntries)
    .where(and(eq(directoryEntries.territoryId, territoryId), isNull(directoryEntries.goneAt)))
    .orderBy(asc(directoryEntries.lastName), asc(directoryEntries.firstName))
    .limit(1000);
