import { asc, desc, eq, or, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { adviceOffers, avisRequests, directoryEntries } from '../../db/schema/index.js';
import { readableTerritories, type Actor } from '../access/actor.js';
import { entryOfProfessional, windowsOf } from './store.js';

/** What the advice pages and API list, scoped to what the person may read. */
const entryName = (e: { civility: string | null; firstName: string; lastName: string }) =>
  `${e.civility ?? ''} ${e.firstName} ${e.lastName}`.replace(/\s+/g, ' ').trim();

/** Offers a person may see and change: their own entry's; a manager's, their territories'. */
export async function offersReadableBy(db: Queryable, actor: Actor) {
  const own = actor.professionalId ? await entryOfProfessional(db, actor.professionalId) : null;
  const scope =
    actor.role === 'professional'
      ? eq(adviceOffers.entryId, own?.id ?? noEntry)
      : readableTerritories(actor, adviceOffers.territoryId);
  const rows = await db
    .select({ offer: adviceOffers, entry: directoryEntries })
    .from(adviceOffers)
    .innerJoin(directoryEntries, eq(directoryEntries.id, adviceOffers.entryId))
    .where(scope)
    .orderBy(asc(directoryEntries.lastName), asc(adviceOffers.specialtyCode));
  const windows = await windowsOf(
    db,
    rows.map((r) => r.offer.id),
  );
  return {
    own,
    offers: rows.map(({ offer, entry }) => ({
      ...offer,
      specialist: entryName(entry),
      windows: windows
        .filter((w) => w.offerId === offer.id)
        .map(({ weekday, start, end }) => ({ weekday, start, end })),
    })),
  };
}

// A uuid no row has: a professional without an entry sees nothing.
const noEntry = '00000000-0000-4000-8000-000000000000';

/** Requests to or from the person (professional), or of their territories (manager). */
export async function avisRequestsReadableBy(db: Queryable, actor: Actor) {
  const own = actor.professionalId ? await entryOfProfessional(db, actor.professionalId) : null;
  const me = own?.id ?? noEntry;
  const scope =
    actor.role === 'professional'
      ? or(
          eq(avisRequests.requesterEntryId, me),
          sql`${me}::uuid = any(${avisRequests.specialistEntryIds})`,
        )
      : readableTerritories(actor, avisRequests.territoryId);
  const rows = await db
    .select({ request: avisRequests, requester: directoryEntries })
    .from(avisRequests)
    .leftJoin(directoryEntries, eq(directoryEntries.id, avisRequests.requesterEntryId))
    .where(scope)
    .orderBy(desc(avisRequests.createdAt))
    .limit(200);
  return rows.map(({ request, requester }) => ({
    ...request,
    requester: requester ? entryName(requester) : '',
    requesterPhone: requester?.mobile ?? requester?.directLine ?? null,
    mine: request.requesterEntryId === own?.id,
  }));
}
