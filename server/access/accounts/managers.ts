import { and, eq, isNull } from 'drizzle-orm';
import type { Queryable } from '../../../db/client.js';
import { professionals, users, userTerritories } from '../../../db/schema/index.js';

// Who manages a territory's rota now: its manager accounts that are open (a former manager, whose
// account is closed, is told nothing). One rule for swap notices, leave notices and gap alerts.
const openManagerOf = (territoryId: string) =>
  and(
    eq(userTerritories.territoryId, territoryId),
    eq(users.role, 'manager'),
    isNull(users.deactivatedAt),
  );

/** The rota managers of a territory whose accounts are open. */
export function managersOf(q: Queryable, territoryId: string) {
  return q
    .select({ id: users.id })
    .from(userTerritories)
    .innerJoin(users, eq(users.id, userTerritories.userId))
    .where(openManagerOf(territoryId));
}

/** The same managers, those with a professional mobile on file, with it (SMS notices). */
export function managerMobilesOf(q: Queryable, territoryId: string) {
  return q
    .select({ userId: users.id, mobile: professionals.mobile })
    .from(userTerritories)
    .innerJoin(users, eq(users.id, userTerritories.userId))
    .innerJoin(professionals, eq(professionals.id, users.professionalId))
    .where(openManagerOf(territoryId));
}
