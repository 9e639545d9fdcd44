import type { Actor } from '../actor.js';
import type { Account } from './store.js';

/**
 * Who may reset or deactivate an account: an admin anyone but themself; a rota manager the
 * professionals of their own territories only (managers are an admin's to manage).
 */
export function canManageAccount(actor: Actor, account: Account): boolean {
  if (account.id === actor.userId) return false;
  if (actor.role === 'admin') return true;
  return (
    actor.role === 'manager' &&
    account.role === 'professional' &&
    account.territoryIds.length > 0 &&
    account.territoryIds.every((t) => actor.territoryIds.includes(t))
  );
}

/** Who sees the Comptes page and API: admins (every account), managers (their territories'). */
export const seesAccounts = (actor: Actor) => actor.role !== 'professional';
