import type { Database } from '../../db/client.js';
import {
  adviceOffers,
  adviceWindows,
  avisRequests,
  directoryEntries,
  territoryNumbers,
} from '../../db/schema/index.js';
import type { Territory } from './factories.js';

/**
 * Builders for the professionals' line: its number, directory entries (inserted directly, not
 * through the national import) and advice offers with their weekly windows.
 */
export type DirectoryEntry = typeof directoryEntries.$inferSelect;

let sequence = 7000;

export async function aProfessionalsLine(db: Database, territory: Territory, number?: string) {
  const line = number ?? `+3326191${(sequence += 1)}`;
  await db.insert(territoryNumbers).values({
    number: line,
    territoryId: territory.id,
    label: 'Ligne des professionnels',
    line: 'professional',
  });
  return line;
}

export async function aDirectoryEntry(
  db: Database,
  territory: Territory,
  fields: Partial<typeof directoryEntries.$inferInsert> = {},
): Promise<DirectoryEntry> {
  const n = (sequence += 1);
  const [row] = await db
    .insert(directoryEntries)
    .values({
      territoryId: territory.id,
      lastName: `Médecin ${n}`,
      firstName: 'Test',
      professionCode: '10',
      specialtyCodes: ['SM54'],
      mobile: `+336399${String(n).padStart(5, '0')}`,
      ...fields,
    })
    .returning();
  return row!;
}

/** Every day, all day: the offer is open whenever the test runs. */
export const alwaysOpen = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
  weekday,
  start: '00:00',
  end: '24:00',
}));

export async function anAdviceOffer(
  db: Database,
  entry: DirectoryEntry,
  fields: {
    specialty: string;
    windows?: { weekday: number; start: string; end: string }[];
    deadlineHours?: number;
    directLine?: string | null;
  },
) {
  const [offer] = await db
    .insert(adviceOffers)
    .values({
      territoryId: entry.territoryId,
      entryId: entry.id,
      specialtyCode: fields.specialty,
      deadlineHours: fields.deadlineHours ?? 48,
      directLine: fields.directLine ?? null,
    })
    .returning();
  const windows = fields.windows ?? alwaysOpen;
  if (windows.length)
    await db.insert(adviceWindows).values(windows.map((w) => ({ ...w, offerId: offer!.id })));
  return offer!;
}

/**
 * The authorization matrix's fixtures of the professionals' line in territory A: a colleague's
 * entry (rheumatology), an offer of it, and fresh offers and requests for the routes that use one.
 */
export function adviceFixtures(db: Database, territory: Territory, colleagueId: string) {
  let entry: Promise<DirectoryEntry> | null = null;
  let offer: Promise<string> | null = null;
  const colleagueEntry = () =>
    (entry ??= aDirectoryEntry(db, territory, {
      specialtyCodes: ['SM48', 'SM41'],
      professionalId: colleagueId,
    }));
  const freshEntry = () => aDirectoryEntry(db, territory, { specialtyCodes: ['SM48'] });
  return {
    adviceEntryA: async () => (await colleagueEntry()).id,
    adviceOfferA: () =>
      (offer ??= colleagueEntry().then(
        async (e) => (await anAdviceOffer(db, e, { specialty: 'SM48' })).id,
      )),
    freshAdviceOfferA: async () =>
      (await anAdviceOffer(db, await freshEntry(), { specialty: 'SM48' })).id,
    freshAvisRequestA: async () => {
      const requester = await freshEntry();
      const [row] = await db
        .insert(avisRequests)
        .values({
          territoryId: territory.id,
          requesterEntryId: requester.id,
          specialtyCode: 'SM48',
          specialistEntryIds: [(await colleagueEntry()).id],
          deadline: new Date('2026-11-26T10:00:00Z'),
          createdAt: new Date('2026-11-24T10:00:00Z'),
        })
        .returning();
      return row!.id;
    },
  };
}
