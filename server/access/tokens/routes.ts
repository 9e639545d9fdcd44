import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../../platform/deps.js';
import { forbidden } from '../../platform/http-errors.js';
import { createToken, mayHoldTokens, revokeToken } from './commands.js';
import { newToken } from './schema.js';
import { tokensOf } from './store.js';

/**
 * The actor's own API tokens (managers and admins; professionals 403): GET /api/tokens lists
 * them (never the secret), POST /api/tokens creates one (from a session only; the secret is in
 * this answer and nowhere else), DELETE /api/tokens/:id revokes one of the actor's own.
 */
export function tokensApiRouter(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.db;
  router.get('/tokens', async (req, res) => {
    if (!mayHoldTokens(req.actor!)) throw forbidden();
    res.json({ tokens: await tokensOf(db, req.actor!.userId) });
  });
  router.post('/tokens', async (req, res) => {
    // Who may, before what they sent: a professional gets 403 whatever the body.
    if (!mayHoldTokens(req.actor!)) throw forbidden();
    res.status(201).json(await createToken(db, req.actor!, newToken.parse(req.body ?? {})));
  });
  router.delete('/tokens/:id', async (req, res) => {
    if (!mayHoldTokens(req.actor!)) throw forbidden();
    await revokeToken(db, req.actor!, z.string().uuid('identifiant invalide').parse(req.params.id));
    res.status(204).end();
  });
  return router;
}
