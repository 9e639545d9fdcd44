import { Router } from 'express';
import type { AppDeps } from './deps.js';
import type { Lifecycle } from './lifecycle.js';
import { pingDatabase } from './store.js';

type Check = 'ok' | 'down';

export interface ReadinessSources {
  lifecycle: Lifecycle;
  /** Public numbers this process could still route from a rota snapshot (PostgreSQL down). */
  rotaSnapshots(now: Date): number;
}

/**
 * Two questions, two endpoints, for whoever watches the instance:
 * - GET /healthz: is the process alive? 200 whenever the event loop runs. A supervisor restarts
 *   on failure; it never looks at PostgreSQL or Redis, or an outage of either would get every
 *   instance restarted (or ejected) at once.
 * - GET /readyz: may the proxy send calls here? 200 when PostgreSQL answers or, PostgreSQL down,
 *   when a rota snapshot can still route calls; 503 while draining (SIGTERM) or when neither.
 *   The queue backend is reported, not required: callbacks wait in the database outbox.
 */
export function healthRouter(
  { db, jobs, now }: Pick<AppDeps, 'db' | 'jobs' | 'now'>,
  { lifecycle, rotaSnapshots }: ReadinessSources,
): Router {
  const router = Router();
  router.use((_req, res, next) => {
    // Draining: no keep-alive, so the proxy's next request opens a connection elsewhere and the
    // server's close is not held up by idle sockets. Decided when the headers go out, not when
    // the request came in: a webhook in flight at SIGTERM answers with Connection: close too.
    const writeHead = res.writeHead;
    res.writeHead = function (this: typeof res, ...args: Parameters<typeof writeHead>) {
      if (lifecycle.draining) this.setHeader('Connection', 'close');
      return writeHead.apply(this, args);
    } as typeof writeHead;
    next();
  });
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'alive' });
  });
  router.get('/readyz', async (_req, res) => {
    if (lifecycle.draining) {
      res.status(503).json({ status: 'draining' });
      return;
    }
    const [database, queue] = await Promise.all([
      withTimeout(pingDatabase(db), 1000).then(up, failed),
      jobs.ping(1000).then(up, failed),
    ]);
    const snapshots = rotaSnapshots(now());
    const ready = database === 'ok' || snapshots > 0;
    res.status(ready ? 200 : 503).json({
      status: ready ? 'ready' : 'unavailable',
      database,
      queue,
      rotaSnapshots: snapshots,
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
