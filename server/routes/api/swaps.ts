import { Router } from 'express';
import { z } from 'zod';
import { decideSwap } from '../../commands/swaps.js';
import type { AppDeps } from '../../deps.js';

/** POST /api/swaps/:id/approve | reject (managers of the territory). */
export function swapsRouter(deps: AppDeps): Router {
  const router = Router();
  router.post('/swaps/:id/:decision', async (req, res) => {
    await decideSwap(deps, req.actor!, z.string().uuid('identifiant invalide').parse(req.params.id), z.enum(['approve', 'reject']).parse(req.params.decision));
    res.json({ ok: true });
  });
  return router;
}
