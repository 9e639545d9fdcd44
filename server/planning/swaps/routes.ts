import { Router } from 'express';
import { z } from 'zod';
import { auditActorOf } from '../../access/actor.js';
import { decideSwap, offerSwap, takeSwap } from './commands.js';
import type { AppDeps } from '../../platform/deps.js';

/** Swaps: a professional offers (POST /api/swaps), a colleague takes, a manager approves or rejects. */
export function swapsRouter(deps: AppDeps): Router {
  const router = Router();
  router.post('/swaps', async (req, res) => {
    const { shiftId } = z
      .object({ shiftId: z.string().uuid('identifiant invalide') })
      .parse(req.body ?? {});
    res.status(201).json(await offerSwap(deps, req.actor!, shiftId));
  });
  router.post('/swaps/:id/take', async (req, res) => {
    const actor = req.actor!;
    const { status } = await takeSwap(
      deps,
      { professionalId: actor.professionalId, audit: auditActorOf(actor) },
      z.string().uuid('identifiant invalide').parse(req.params.id),
    );
    res.json({ status });
  });
  router.post('/swaps/:id/:decision', async (req, res) => {
    await decideSwap(
      deps,
      req.actor!,
      z.string().uuid('identifiant invalide').parse(req.params.id),
      z.enum(['approve', 'reject']).parse(req.params.decision),
    );
    res.json({ ok: true });
  });
  return router;
}
