import type { Queryable } from '../../../db/client.js';
import { forbidden } from '../../platform/http-errors.js';
import type { Actor } from '../actor.js';
import { seesAccounts } from './rules.js';
import { linkTokenHash } from './delivery.js';
import { accountsOfTerritories, invitationByTokenHash, type Account } from './store.js';

/** The accounts an admin (all) or a manager (their territories') sees; 403 for professionals. */
export function accountsVisibleTo(db: Queryable, actor: Actor): Promise<Account[]> {
  if (!seesAccounts(actor)) throw forbidden();
  return accountsOfTerritories(db, actor.role === 'admin' ? 'all' : actor.territoryIds);
}

/** An account as the API shows it. */
export const presentAccount = (a: Account) => ({
  id: a.id,
  email: a.email,
  name: a.name,
  role: a.role,
  professionalId: a.professionalId,
  territoryIds: a.territoryIds,
  status: a.deactivatedAt ? 'deactivated' : a.invited ? 'invited' : 'active',
  createdAt: a.createdAt,
  deactivatedAt: a.deactivatedAt,
});

/** The person a still-valid link invites (name and e-mail shown on the page), else null. */
export async function pendingInvitation(db: Queryable, token: string, now: Date) {
  const found = await invitationByTokenHash(db, linkTokenHash(token));
  if (!found || found.invitation.usedAt || found.invitation.expiresAt <= now) return null;
  if (found.user.deactivatedAt) return null;
  return { name: found.user.name, email: found.user.email };
}
