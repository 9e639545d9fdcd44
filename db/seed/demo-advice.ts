import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../client.js';
import {
  adviceOffers,
  adviceWindows,
  directoryEntries,
  professionals,
  territoryNumbers,
} from '../schema/index.js';

/**
 * The demo's professionals' line: its number, a GP who calls it (Dr Anne Le Goff, whose mobile is
 * a demo phone) and a rheumatologist who takes calls. Her windows cover every day, all day, so
 * that `npm run call -- --from <GP> --to <line>` works whenever the demo runs (a real offer has
 * a few windows, e.g. mardi 12:30–13:30). Fictional numbers (ARCEP ranges for fiction).
 */
export const demoAdvice = {
  professionalsLine: '+33261910020',
  gpName: 'Dr Anne Le Goff',
  gpMobile: '+33639980001',
  rheumatologist: { lastName: 'Kervella', firstName: 'Hélène', mobile: '+33639980031' },
};

/** Idempotent: each piece is created once, and an entry another seed made is reused. */
export async function seedDemoAdvice(db: Database, territoryId: string): Promise<void> {
  await db
    .insert(territoryNumbers)
    .values({
      number: demoAdvice.professionalsLine,
      territoryId,
      label: 'Ligne des professionnels',
      line: 'professional',
    })
    .onConflictDoNothing();
  await demoGp(db, territoryId);
  const rheumatologist = await entryByMobile(db, territoryId, demoAdvice.rheumatologist.mobile);
  const entryId =
    rheumatologist ??
    (
      await db
        .insert(directoryEntries)
        .values({
          territoryId,
          civility: 'Dr',
          ...demoAdvice.rheumatologist,
          professionCode: '10',
          specialtyCodes: ['SM48'],
          searchText: 'kervella helene medecin rhumatologie',
        })
        .returning({ id: directoryEntries.id })
    )[0]!.id;
  const [offer] = await db
    .insert(adviceOffers)
    .values({ territoryId, entryId, specialtyCode: 'SM48', deadlineHours: 48 })
    .onConflictDoNothing()
    .returning({ id: adviceOffers.id });
  if (offer)
    await db.insert(adviceWindows).values(
      [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
        offerId: offer.id,
        weekday,
        start: '00:00',
        end: '24:00',
      })),
    );
}

async function entryByMobile(db: Database, territoryId: string, mobile: string) {
  const [row] = await db
    .select({ id: directoryEntries.id })
    .from(directoryEntries)
    .where(
      and(
        eq(directoryEntries.territoryId, territoryId),
        eq(directoryEntries.mobile, mobile),
        isNull(directoryEntries.goneAt),
      ),
    );
  return row?.id ?? null;
}

/** The GP: her on-call professional's entry if the directory has one, else a local entry. */
async function demoGp(db: Database, territoryId: string): Promise<void> {
  if (await entryByMobile(db, territoryId, demoAdvice.gpMobile)) return;
  const [pro] = await db
    .select({ id: professionals.id })
    .from(professionals)
    .where(
      and(eq(professionals.territoryId, territoryId), eq(professionals.name, demoAdvice.gpName)),
    );
  const [linked] = pro
    ? await db.select().from(directoryEntries).where(eq(directoryEntries.professionalId, pro.id))
    : [];
  if (linked) {
    if (!linked.mobile)
      await db
        .update(directoryEntries)
        .set({ mobile: demoAdvice.gpMobile })
        .where(eq(directoryEntries.id, linked.id));
    return;
  }
  await db.insert(directoryEntries).values({
    territoryId,
    civility: 'Dr',
    lastName: 'Le Goff',
    firstName: 'Anne',
    professionCode: '10',
    specialtyCodes: ['SM54'],
    mobile: demoAdvice.gpMobile,
    professionalId: pro?.id ?? null,
    searchText: 'le goff anne medecin medecine generale',
  });
}
