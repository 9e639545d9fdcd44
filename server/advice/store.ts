import { and, asc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import {
  adviceCalls,
  adviceOffers,
  adviceWindows,
  avisRequests,
  directoryEntries,
  territories,
  territoryNumbers,
} from '../../db/schema/index.js';
import type { AdviceOfferFacts } from '../../ivr-flows/professional-line-menu.js';
import { specialtyLabel } from '../directory/national/codes.js';

export type AdviceOfferRow = typeof adviceOffers.$inferSelect;
export type AdviceWindowRow = typeof adviceWindows.$inferSelect;
export type AvisRequestRow = typeof avisRequests.$inferSelect;
export type DirectoryEntryRow = typeof directoryEntries.$inferSelect;

/** The territory whose professionals' line is `number`; null for any other number. */
export async function professionalLineTerritory(db: Queryable, number: string) {
  const [row] = await db
    .select({ id: territories.id, name: territories.name, timeZone: territories.timeZone })
    .from(territoryNumbers)
    .innerJoin(territories, eq(territories.id, territoryNumbers.territoryId))
    .where(and(eq(territoryNumbers.number, number), eq(territoryNumbers.line, 'professional')))
    .limit(1);
  return row ?? null;
}

/** The territory's patient line (told to callers who are not professionals). */
export async function patientLineOf(db: Queryable, territoryId: string): Promise<string | null> {
  const [row] = await db
    .select({ number: territoryNumbers.number })
    .from(territoryNumbers)
    .where(and(eq(territoryNumbers.territoryId, territoryId), eq(territoryNumbers.line, 'patient')))
    .orderBy(asc(territoryNumbers.number))
    .limit(1);
  return row?.number ?? null;
}

/** The directory entry (not gone) whose mobile or direct line is `phone`, in the territory. */
export async function entryByPhone(
  db: Queryable,
  territoryId: string,
  phone: string,
): Promise<DirectoryEntryRow | null> {
  const [row] = await db
    .select()
    .from(directoryEntries)
    .where(
      and(
        eq(directoryEntries.territoryId, territoryId),
        isNull(directoryEntries.goneAt),
        or(eq(directoryEntries.mobile, phone), eq(directoryEntries.directLine, phone)),
      ),
    )
    .orderBy(asc(directoryEntries.id))
    .limit(1);
  return row ?? null;
}

export async function entriesByIds(db: Queryable, ids: string[]): Promise<DirectoryEntryRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(directoryEntries).where(inArray(directoryEntries.id, ids));
}

/** Every advice offer of the territory whose specialist is still listed and reachable. */
export async function adviceOffersOf(
  db: Queryable,
  territoryId: string,
): Promise<AdviceOfferFacts[]> {
  const rows = await db
    .select({ offer: adviceOffers, entry: directoryEntries })
    .from(adviceOffers)
    .innerJoin(directoryEntries, eq(directoryEntries.id, adviceOffers.entryId))
    .where(and(eq(adviceOffers.territoryId, territoryId), isNull(directoryEntries.goneAt)));
  const windows = await windowsOf(
    db,
    rows.map((r) => r.offer.id),
  );
  return rows.flatMap(({ offer, entry }) => {
    const phone = offer.directLine ?? entry.directLine ?? entry.mobile;
    if (!phone) return [];
    return [
      {
        specialtyCode: offer.specialtyCode,
        label: specialtyLabel(offer.specialtyCode),
        entryId: entry.id,
        name: `${entry.lastName} ${entry.firstName}`.trim(),
        phone,
        deadlineHours: offer.deadlineHours,
        windows: windows.filter((w) => w.offerId === offer.id),
      },
    ];
  });
}

export async function windowsOf(db: Queryable, offerIds: string[]): Promise<AdviceWindowRow[]> {
  if (offerIds.length === 0) return [];
  return db
    .select()
    .from(adviceWindows)
    .where(inArray(adviceWindows.offerId, offerIds))
    .orderBy(asc(adviceWindows.weekday), asc(adviceWindows.start));
}

/** One ring, once however often Twilio retries; an acceptance is never undone by a late write. */
export async function recordAdviceCall(db: Queryable, row: typeof adviceCalls.$inferInsert) {
  await db
    .insert(adviceCalls)
    .values(row)
    .onConflictDoUpdate({
      target: [adviceCalls.callSid, adviceCalls.attempt],
      set: {
        answered: sql`${adviceCalls.answered} or excluded.answered`,
        callerEntryId: sql`coalesce(${adviceCalls.callerEntryId}, excluded.caller_entry_id)`,
      },
    });
}

export async function adviceCallsOf(db: Queryable, callSid: string) {
  return db
    .select()
    .from(adviceCalls)
    .where(eq(adviceCalls.callSid, callSid))
    .orderBy(asc(adviceCalls.attempt));
}

export async function avisRequestOfCall(db: Queryable, callSid: string) {
  const [row] = await db.select().from(avisRequests).where(eq(avisRequests.callSid, callSid));
  return row ?? null;
}

/** Open requests past their deadline, for the managers of these territories. */
export async function overdueAvisRequests(db: Queryable, territoryIds: string[] | null, now: Date) {
  const scope = territoryIds ? inArray(avisRequests.territoryId, territoryIds) : undefined;
  return db
    .select({ request: avisRequests, requester: directoryEntries })
    .from(avisRequests)
    .leftJoin(directoryEntries, eq(directoryEntries.id, avisRequests.requesterEntryId))
    .where(
      and(scope, inArray(avisRequests.status, ['open', 'overdue']), lt(avisRequests.deadline, now)),
    )
    .orderBy(asc(avisRequests.deadline))
    .limit(100);
}

/** The screening keypress, as recorded in the database (when the live-call store missed it). */
export async function adviceAccepted(db: Queryable, callSid: string, attempt: number) {
  const [row] = await db
    .select({ answered: adviceCalls.answered })
    .from(adviceCalls)
    .where(and(eq(adviceCalls.callSid, callSid), eq(adviceCalls.attempt, attempt)));
  return row?.answered === true;
}

/** The directory entry of an on-call professional (their login), when the directory has one. */
export async function entryOfProfessional(db: Queryable, professionalId: string) {
  const [row] = await db
    .select()
    .from(directoryEntries)
    .where(eq(directoryEntries.professionalId, professionalId));
  return row ?? null;
}
