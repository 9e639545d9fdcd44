import { and, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Queryable } from '../../../db/client.js';
import {
  directoryEntries,
  directoryImports,
  directoryPlaces,
  territories,
} from '../../../db/schema/index.js';
import { directorySearchText } from './search-text.js';
import type { NationalPerson } from './person.js';

/** What an import compares against: the territory's register entries, by national id. */
export async function registerEntriesOf(db: Queryable, territoryId: string) {
  const rows = await db
    .select({
      id: directoryEntries.id,
      nationalId: directoryEntries.nationalId,
      nationalHash: directoryEntries.nationalHash,
      goneAt: directoryEntries.goneAt,
    })
    .from(directoryEntries)
    .where(
      and(eq(directoryEntries.territoryId, territoryId), isNotNull(directoryEntries.nationalId)),
    );
  return new Map(rows.map((r) => [r.nationalId!, r]));
}

/** Whether the territory has register entries still present (an import could mark them gone). */
export async function hasRegisterEntries(db: Queryable, territoryId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: directoryEntries.id })
    .from(directoryEntries)
    .where(
      and(
        eq(directoryEntries.territoryId, territoryId),
        isNotNull(directoryEntries.nationalId),
        isNull(directoryEntries.goneAt),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/** Only the national fields: mobile, direct line, MSSanté, visibility, opt-ins are never written. */
function nationalFields(person: NationalPerson, hash: string, now: Date) {
  return {
    rpps: person.rpps,
    civility: person.civility,
    lastName: person.lastName,
    firstName: person.firstName,
    professionCode: person.professionCode,
    specialtyCodes: [...person.specialtyCodes].sort(),
    nationalHash: hash,
    importedAt: now,
    goneAt: null,
    searchText: directorySearchText(person),
    updatedAt: now,
  };
}

const placeRows = (entryId: string, person: NationalPerson) =>
  person.places.map((place, position) => ({ entryId, position, ...place }));

/** New people of the register: entries and their places, in one statement each. */
export async function insertRegisterEntries(
  tx: Queryable,
  territoryId: string,
  people: { person: NationalPerson; hash: string }[],
  now: Date,
): Promise<void> {
  if (people.length === 0) return;
  const rows = await tx
    .insert(directoryEntries)
    .values(
      people.map(({ person, hash }) => ({
        territoryId,
        nationalId: person.nationalId,
        ...nationalFields(person, hash, now),
      })),
    )
    .returning({ id: directoryEntries.id, nationalId: directoryEntries.nationalId });
  const byNationalId = new Map(people.map((p) => [p.person.nationalId, p.person]));
  const places = rows.flatMap((r) => placeRows(r.id, byNationalId.get(r.nationalId!)!));
  if (places.length > 0) await tx.insert(directoryPlaces).values(places);
}

/** A person whose register facts changed (or who came back): national fields and places rewritten. */
export async function rewriteRegisterEntry(
  tx: Queryable,
  entryId: string,
  person: NationalPerson,
  hash: string,
  now: Date,
): Promise<void> {
  await tx
    .update(directoryEntries)
    .set(nationalFields(person, hash, now))
    .where(eq(directoryEntries.id, entryId));
  await tx.delete(directoryPlaces).where(eq(directoryPlaces.entryId, entryId));
  const places = placeRows(entryId, person);
  if (places.length > 0) await tx.insert(directoryPlaces).values(places);
}

/** Marks entries gone from the extraction (never deleted: local fields and history stay). */
export async function markGone(tx: Queryable, entryIds: string[], now: Date): Promise<number> {
  if (entryIds.length === 0) return 0;
  const rows = await tx
    .update(directoryEntries)
    .set({ goneAt: now, updatedAt: now })
    .where(and(inArray(directoryEntries.id, entryIds), isNull(directoryEntries.goneAt)))
    .returning({ id: directoryEntries.id });
  return rows.length;
}

export async function inseeCommunesOf(
  db: Queryable,
  territoryId: string,
): Promise<string[] | null> {
  const [row] = await db
    .select({ communes: territories.inseeCommunes })
    .from(territories)
    .where(eq(territories.id, territoryId));
  return row ? row.communes : null;
}

export async function directoryImportById(db: Queryable, territoryId: string, importId: string) {
  const [row] = await db
    .select()
    .from(directoryImports)
    .where(and(eq(directoryImports.id, importId), eq(directoryImports.territoryId, territoryId)));
  return row ?? null;
}

export type DirectoryImportRow = typeof directoryImports.$inferSelect;

export async function insertDirectoryImport(
  tx: Queryable,
  values: typeof directoryImports.$inferInsert,
): Promise<DirectoryImportRow> {
  const [row] = await tx.insert(directoryImports).values(values).returning();
  return row!;
}

/** Moves an import run along: running, then done with its report or failed with its reason. */
export async function updateDirectoryImport(
  db: Queryable,
  importId: string,
  values: Partial<typeof directoryImports.$inferInsert>,
): Promise<void> {
  await db.update(directoryImports).set(values).where(eq(directoryImports.id, importId));
}

export async function setTerritoryCommunes(
  tx: Queryable,
  territoryId: string,
  communes: string[],
): Promise<void> {
  await tx
    .update(territories)
    .set({ inseeCommunes: communes })
    .where(eq(territories.id, territoryId));
}

/** Merges the search index's pending entries into the index (gin_clean_pending_list). */
export async function cleanSearchIndex(db: Queryable): Promise<void> {
  await db.execute(sql`select gin_clean_pending_list('directory_entries_search'::regclass)`);
}
