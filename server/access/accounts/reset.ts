import type { Queryable } from '../../../db/client.js';
import type { AppDeps } from '../../platform/deps.js';
import { recordAudit } from '../../platform/audit.js';
import { forbidden, notFound } from '../../platform/http-errors.js';
import { professionalById } from '../../directory/store.js';
import { auditActorOf, type Actor } from '../actor.js';
import {
  assertDeliverable,
  deliverInvitation,
  invitationLifetimeMs,
  newLinkToken,
  type Channel,
  type Recipient,
} from './delivery.js';
import type { Invited } from './invitations.js';
import { canManageAccount } from './rules.js';
import {
  accountById,
  endSessionsOf,
  reactivate,
  replaceInvitation,
  setPasswordHash,
} from './store.js';

type Deps = Pick<AppDeps, 'db' | 'jobs' | 'logger' | 'config' | 'publicUrl' | 'now'>;

/** The account if the actor may reset or deactivate it: 404 unknown, 403 not theirs. */
export async function manageableAccount(db: Queryable, actor: Actor, userId: string) {
  const account = await accountById(db, userId);
  if (!account) throw notFound('Compte');
  if (!canManageAccount(actor, account)) throw forbidden();
  return account;
}

/**
 * A manager resets someone's password: the old one stops working at once, their sessions end,
 * and a new link goes out (the earlier links die). On a deactivated account this is the way
 * back: the account (and a professional's place in the directory) is active again, without a
 * password until the new link is used (the old iCal link stays dead: the feed token is new).
 */
export async function resetPassword(
  deps: Deps,
  actor: Actor,
  userId: string,
  channels: Channel[],
): Promise<Invited> {
  const db = deps.db.db;
  const account = await manageableAccount(db, actor, userId);
  const p = account.professionalId ? await professionalById(db, account.professionalId) : null;
  const to: Recipient = {
    name: account.name,
    email: account.email,
    mobile: p?.mobile ?? null,
    territoryId: p?.territoryId ?? null,
  };
  await assertDeliverable(deps, to, channels);
  const now = deps.now();
  const { token, hash } = newLinkToken();
  await db.transaction(async (tx) => {
    if (account.deactivatedAt) await reactivate(tx, account);
    await setPasswordHash(tx, userId, null);
    await endSessionsOf(tx, userId);
    await replaceInvitation(tx, userId, hash, now, new Date(now.getTime() + invitationLifetimeMs));
    await recordAudit(tx, auditActorOf(actor), {
      action: account.deactivatedAt ? 'account.reactivate' : 'account.reset',
      entity: 'user',
      entityId: userId,
      territoryId: account.territoryIds.length === 1 ? account.territoryIds[0] : null,
      after: { channels },
    });
  });
  return { userId, sent: await deliverInvitation(deps, 'reset', to, channels, token) };
}
