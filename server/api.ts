import express, { Router } from 'express';
import type { AppDeps } from './platform/deps.js';
import { apiErrorHandler } from './platform/http-errors.js';
import { requireAuth, requireCsrf } from './access/middleware.js';
import { absencesRouter } from './planning/unavailability/routes.js';
import { callsRouter } from './dashboard/call-log-routes.js';
import { planningRouter } from './planning/routes.js';
import { professionalsRouter } from './directory/routes.js';
import { directoryApiRouter } from './directory/shared/routes.js';
import { directoryImportsRouter } from './directory/national/routes.js';
import { rotaRouter } from './planning/shifts/routes.js';
import { sessionRouter } from './access/session-routes.js';
import { accountsApiRouter, invitationApiRouter } from './access/accounts/routes.js';
import { tokensApiRouter } from './access/tokens/routes.js';
import { swapsRouter } from './planning/swaps/routes.js';
import { territoriesRouter } from './territories/routes.js';
import { crraRouter } from './regulation/crra/routes.js';
import { activityReportRouter } from './regulation/report/routes.js';
import { fichesRouter } from './regulation/fiches/routes.js';
import { consultationsRouter } from './regulation/consultations/routes.js';
import { hospitalRouter } from './hospital/routes.js';
import { adviceApiRouter } from './advice/routes.js';

/**
 * The JSON API. Everything after the session routes requires an authenticated actor: a route
 * added below cannot forget it (test/api/auth-walk.test.ts walks them all).
 */
export function apiRouter(deps: AppDeps): Router {
  const router = Router();
  router.use(express.json({ limit: '256kb' }));
  router.use(sessionRouter(deps));
  router.use(invitationApiRouter(deps));
  router.use(requireAuth('json'), requireCsrf);
  router.use(rotaRouter(deps));
  router.use(planningRouter(deps));
  router.use(absencesRouter(deps));
  router.use(territoriesRouter(deps));
  router.use(activityReportRouter(deps));
  router.use(professionalsRouter(deps));
  router.use(directoryApiRouter(deps));
  router.use(directoryImportsRouter(deps));
  router.use(callsRouter(deps));
  router.use(crraRouter(deps));
  router.use(swapsRouter(deps));
  router.use(consultationsRouter(deps));
  router.use(accountsApiRouter(deps), tokensApiRouter(deps));
  router.use(fichesRouter(deps));
  router.use(hospitalRouter(deps));
  router.use(adviceApiRouter(deps));
  router.use((req, res) =>
    res.status(404).json({ error: 'not_found', message: `Pas de route ${req.method} ${req.path}` }),
  );
  router.use(apiErrorHandler);
  return router;
}
