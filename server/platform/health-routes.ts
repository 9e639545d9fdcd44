import { Router } from 'express';
import type { AppDeps } from './deps.js';
import { pingDatabase } from './store.js';

type Check = 'ok' | 'down';

/** GET /healthz: 200 when the database and the queue backend answer, 503 naming what is down. */
export function healthRouter({ db, jobs }: Pick<AppDeps, 'db' | 'jobs'>): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    const [database, queue] = await Promise.all([
      withTimeout(pingDatabase(db), 2000).then(up, failed),
      jobs.ping(2000).then(up, failed),
    ]);
    const down = Object.entries({ database, queue })
      .filter(([, state]) => state === 'down')
      .map(([name]) => name);
    res.status(down.length === 0 ? 200 : 503).json({
      status: down.length === 0 ? 'ok' : 'degraded',
      database,
      queue,
      ...(down.length > 0 ? { down } : {}),
    });
  });
  return router;
}

const up = (): Check => 'ok';
const failed = (): Check => 'down';

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
