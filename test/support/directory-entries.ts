import type { Database } from '../../db/client.js';
import { directoryEntries, directoryPlaces } from '../../db/schema/index.js';
import { directorySearchText } from '../../server/directory/national/search-text.js';

export type DirectoryEntry = typeof directoryEntries.$inferSelect;
export type PlaceFields = Partial<Omit<typeof directoryPlaces.$inferInsert, 'entryId'>>;

let sequence = 0;

/**
 * A person of the shared directory, inserted as the national import would leave them (a GP of
 * the territory with one place, search_text stored with the row), without going through the
 * import: a test says only what it is about (name, specialty, commune, local fields).
 *
 *   await aDirectoryEntry(db, territory, { lastName: 'Lefèvre', specialtyCodes: ['SM48'] },
 *     [{ communeName: 'Dijon', inseeCommune: '21231', postcode: '21000' }]);
 */
export async function aDirectoryEntry(
  db: Database,
  territory: { id: string },
  fields: Partial<typeof directoryEntries.$inferInsert> = {},
  places: PlaceFields[] = [{}],
): Promise<DirectoryEntry> {
  sequence += 1;
  const rpps = String(10_000_000_000 + sequence * 7919);
  const values = {
    territoryId: territory.id,
    nationalId: `8${rpps}`,
    rpps,
    civility: 'DR',
    lastName: `MARTIN${sequence}`,
    firstName: 'Claire',
    professionCode: '10',
    specialtyCodes: ['SM54'],
    ...fields,
  };
  const placeRows = places.map((p, position) => ({
    structureName: 'Cabinet médical',
    address: `${sequence} rue de la Liberté`,
    postcode: '21000',
    inseeCommune: '21231',
    communeName: 'Dijon',
    ...p,
    position,
  }));
  const [row] = await db
    .insert(directoryEntries)
    .values({
      ...values,
      searchText: directorySearchText({
        lastName: values.lastName,
        firstName: values.firstName ?? '',
        professionCode: values.professionCode ?? null,
        specialtyCodes: values.specialtyCodes ?? [],
        places: placeRows.map((p) => ({
          structureName: p.structureName ?? null,
          communeName: p.communeName ?? null,
          postcode: p.postcode ?? null,
        })),
      }),
    })
    .returning();
  if (placeRows.length)
    await db.insert(directoryPlaces).values(placeRows.map((p) => ({ ...p, entryId: row!.id })));
  return row!;
}
