import { randomBytes } from 'node:crypto';
import type { Database } from '../../../db/client.js';
import { recordAudit } from '../../platform/audit.js';
import { forbidden, notFound } from '../../platform/http-errors.js';
import { auditActorOf, canReadTerritory, type Actor } from '../actor.js';
import { apiTokenHash } from '../credentials.js';
import type { NewToken } from './schema.js';
import { deleteToken, insertToken, tokenById } from './store.js';

/**
 * Rota managers and admins may hold API tokens (professionals have the pages). A token is made
 * from a logged-in session only: a leaked token cannot mint others.
 */
export const mayHoldTokens = (actor: Actor) => actor.role !== 'professional';

/** A new token scoped to one territory the actor reads; the token is returned once, never stored. */
export async function createToken(
  db: Database,
  actor: Actor,
  input: NewToken,
): Promise<{ id: string; token: string }> {
  if (!mayHoldTokens(actor) || actor.viaToken)
    throw forbidden(
      'Jetons API : coordination et administration, depuis une session. Not allowed.',
    );
  if (!canReadTerritory(actor, input.territoryId)) throw forbidden();
  const token = `glt_${randomBytes(24).toString('base64url')}`;
  return db.transaction(async (tx) => {
    const id = await insertToken(tx, {
      userId: actor.userId,
      name: input.name,
      territoryId: input.territoryId,
      tokenHash: apiTokenHash(token),
    });
    await recordAudit(tx, auditActorOf(actor), {
      action: 'api_token.create',
      entity: 'api_token',
      entityId: id,
      territoryId: input.territoryId,
      after: { name: input.name },
    });
    return { id, token };
  });
}

/** The owner revokes their token (audited). */
export async function revokeToken(db: Database, actor: Actor, id: string): Promise<void> {
  const token = await tokenById(db, id);
  if (!token || token.userId !== actor.userId) throw notFound('Jeton');
  await db.transaction(async (tx) => {
    await deleteToken(tx, id, actor.userId);
    await recordAudit(tx, auditActorOf(actor), {
      action: 'api_token.revoke',
      entity: 'api_token',
      entityId: id,
      territoryId: token.territoryId,
      before: { name: token.name },
    });
  });
}
