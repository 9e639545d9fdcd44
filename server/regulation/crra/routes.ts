import { Router } from 'express';
import type { AppDeps } from '../../platform/deps.js';
import { notFound } from '../../platform/http-errors.js';
import { handOffToCrra } from './commands.js';
import { callRef } from './schema.js';

/** POST /api/calls/:callId/crra-handoff: the régulateur (or a manager) hands the patient to the 15. */
export function crraRouter(deps: AppDeps): Router {
  const router = Router();
  router.post('/calls/:callId/crra-handoff', async (req, res) => {
    const ref = callRef.safeParse(req.params.callId);
    if (!ref.success) throw notFound('Appel');
    const call = await handOffToCrra(deps, req.actor!, ref.data);
    res.json({ callId: call.id, callSid: call.callSid, status: 'handed_off' });
  });
  return router;
}
