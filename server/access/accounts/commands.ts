import { verify } from '@node-rs/argon2';
import type { Database } from '../../../db/client.js';
import type { AppDeps } from '../../platform/deps.js';
import { recordAudit } from '../../platform/audit.js';
import { badRequest, forbidden, HttpError } from '../../platform/http-errors.js';
import { auditActorOf, type Actor } from '../actor.js';
import { hashPassword } from '../credentials.js';
import { linkTokenHash } from './delivery.js';
import { passwordProblem } from './password-policy.js';
import { manageableAccount } from './reset.js';
import {
  closeInvitations,
  deactivate,
  endSessionsOf,
  insertUser,
  invitationByTokenHash,
  setPasswordHash,
  useInvitation,
  userByEmail,
  userById,
} from './store.js';

type Deps = Pick<AppDeps, 'db' | 'now'>;

const weak = (problem: string) => badRequest(problem, { password: problem });
export const linkInvalid = () =>
  new HttpError(
    410,
    'invitation_invalid',
    'Ce lien n’est plus valable (déjà utilisé ou expiré) : demandez-en un nouveau à votre coordination. This link is no longer valid.',
  );

/** The invited person chooses their password through their link (once, within 72 h). */
export async function acceptInvitation(
  deps: Deps,
  token: string,
  password: string,
): Promise<{ email: string }> {
  const db = deps.db.db;
  const now = deps.now();
  const found = await invitationByTokenHash(db, linkTokenHash(token));
  if (!found || found.invitation.usedAt || found.invitation.expiresAt <= now) throw linkInvalid();
  if (found.user.deactivatedAt) throw linkInvalid();
  const problem = passwordProblem(password, found.user.email);
  if (problem) throw weak(problem);
  const hash = await hashPassword(password);
  await db.transaction(async (tx) => {
    if (!(await useInvitation(tx, found.invitation.id, now))) throw linkInvalid();
    await setPasswordHash(tx, found.user.id, hash);
    await closeInvitations(tx, found.user.id, now);
    await recordAudit(
      tx,
      { userId: found.user.id, label: found.user.email },
      { action: 'account.password_set', entity: 'user', entityId: found.user.id },
    );
  });
  return { email: found.user.email };
}

/** Anyone changes their own password, from a session, given the current one; other sessions end. */
export async function changePassword(
  deps: Deps,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
  currentSid?: string,
): Promise<void> {
  // Here rather than in each route: the form page takes a Bearer token too, and a token must
  // not change the password of the person it belongs to.
  if (actor.viaToken) throw forbidden('Depuis une session uniquement. Session only.');
  const db = deps.db.db;
  const user = await userById(db, actor.userId);
  if (!user?.passwordHash) throw forbidden();
  if (!(await verify(user.passwordHash, input.currentPassword).catch(() => false)))
    throw badRequest('Mot de passe actuel incorrect. Wrong current password.', {
      currentPassword: 'incorrect',
    });
  const problem = passwordProblem(input.newPassword, user.email);
  if (problem) throw weak(problem);
  const hash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await setPasswordHash(tx, user.id, hash);
    await endSessionsOf(tx, user.id, currentSid);
    await recordAudit(tx, auditActorOf(actor), {
      action: 'account.password_change',
      entity: 'user',
      entityId: user.id,
    });
  });
}

/**
 * Deactivation ends everything the person could still use: sessions, API tokens, pending links,
 * and for a professional their iCal feed (`professionals.active` false, a new feed token).
 */
export async function deactivateAccount(deps: Deps, actor: Actor, userId: string): Promise<void> {
  const db = deps.db.db;
  const account = await manageableAccount(db, actor, userId);
  if (account.deactivatedAt) return;
  const { deactivatedAt: _d, ...before } = account;
  await db.transaction(async (tx) => {
    await deactivate(tx, account, deps.now());
    await recordAudit(tx, auditActorOf(actor), {
      action: 'account.deactivate',
      entity: 'user',
      entityId: userId,
      territoryId: account.territoryIds.length === 1 ? account.territoryIds[0] : null,
      before,
    });
  });
}

/**
 * The first admin of a database (`npm run create-admin`): created, or left alone if an admin
 * with this e-mail exists. Refuses a weak password and an e-mail used by a non-admin.
 */
export async function createFirstAdmin(
  db: Database,
  input: { email: string; name: string; password: string },
): Promise<'created' | 'exists'> {
  const existing = await userByEmail(db, input.email);
  if (existing?.role === 'admin') return 'exists';
  if (existing) throw badRequest('Cette adresse appartient à un compte non administrateur.');
  const problem = passwordProblem(input.password, input.email);
  if (problem) throw weak(problem);
  const passwordHash = await hashPassword(input.password);
  await db.transaction(async (tx) => {
    const row = await insertUser(tx, { ...input, passwordHash, role: 'admin' }, []);
    await recordAudit(
      tx,
      { userId: null, label: 'system:create-admin' },
      {
        action: 'account.create_admin',
        entity: 'user',
        entityId: row.id,
        after: { email: row.email },
      },
    );
  });
  return 'created';
}
