import { Router } from 'express';
import { canManageTerritory, canReadTerritory } from '../../access/actor.js';
import type { AppDeps } from '../../platform/deps.js';
import { forbidden, notFound } from '../../platform/http-errors.js';
import { uuidParam } from '../../platform/params.js';
import { loadActivityReport } from './load.js';
import { reportQuery } from './schema.js';

/** GET /api/territories/:id/activity-report?month=AAAA-MM: the ARS figures, as JSON. */
export function activityReportRouter(deps: AppDeps): Router {
  const router = Router();
  router.get('/territories/:id/activity-report', async (req, res) => {
    const actor = req.actor!;
    const id = uuidParam.safeParse(req.params.id);
    if (!id.success || !canReadTerritory(actor, id.data)) throw notFound('Territoire');
    if (!canManageTerritory(actor, id.data)) throw forbidden();
    const { month } = reportQuery.parse(req.query);
    res.json(await loadActivityReport(deps.db.db, id.data, month, deps.now()));
  });
  return router;
}
