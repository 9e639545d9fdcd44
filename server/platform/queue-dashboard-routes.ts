import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Router } from 'express';
import { requireAuth } from '../access/middleware.js';
import type { AppDeps } from './deps.js';
import { forbidden } from './http-errors.js';
import { queueNames } from './queues.js';

/** bull-board at /admin/queues, for admins only: every queue, its jobs, retries, failures. */
export function adminQueuesRouter(deps: AppDeps): Router {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath('/admin/queues');
  createBullBoard({
    queues: queueNames.map((name) => new BullMQAdapter(deps.jobs.queues[name])),
    serverAdapter,
  });
  const router = Router();
  router.use('/admin', requireAuth('page'), (req, _res, next) =>
    next(req.actor?.role === 'admin' ? undefined : forbidden('Réservé aux administrateurs.')),
  );
  router.use('/admin/queues', serverAdapter.getRouter() as Router);
  return router;
}
