import express, { Router } from 'express';
import type { AppDeps } from '../../deps.js';
import { apiErrorHandler } from '../../http-errors.js';
import { requireAuth, requireCsrf } from '../../auth/middleware.js';
import { absencesRouter } from './absences.js';
import { callsRouter } from './calls.js';
import { planningRouter } from './planning.js';
import { professionalsRouter } from './professionals.js';
import { rotaRouter } from './rota.js';
import { sessionRouter } from './session.js';
import { swapsRouter } from './swaps.js';
import { territoriesRouter } from './territories.js';

/**
 * The JSON API. Everything after the session routes requires an authenticated actor: a route
 * added below cannot forget it (test/api/auth-walk.test.ts walks them all).
 */
export function apiRouter(deps: AppDeps): Router {
  const router = Router();
  router.use(express.json({ limit: '256kb' }));
  router.use(sessionRouter(deps));
  router.use(requireAuth('json'), requireCsrf);
  router.use(rotaRouter(deps));
  router.use(planningRouter(deps));
  router.use(absencesRouter(deps));
  router.use(territoriesRouter(deps));
  router.use(professionalsRouter(deps));
  router.use(callsRouter(deps));
  router.use(swapsRouter(deps));
  router.use((req, res) =>
    res.status(404).json({ error: 'not_found', message: `Pas de route ${req.method} ${req.path}` }),
  );
  router.use(apiErrorHandler);
  return router;
}
