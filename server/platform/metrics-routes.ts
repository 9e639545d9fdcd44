import { createHash, timingSafeEqual } from 'node:crypto';
import { Router, type Request } from 'express';
import type { Metrics } from './metrics.js';

const loopback = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const proxyHeaders = ['x-forwarded-for', 'forwarded', 'x-real-ip'];

/**
 * GET /metrics (Prometheus text format), never public: it answers a scraper that presents
 * `Authorization: Bearer <METRICS_TOKEN>`, or one on this machine that connects directly (loopback,
 * no proxy header: a request relayed by nginx carries X-Forwarded-For and is refused). Anyone
 * else gets the same 404 as an unknown path.
 */
export function metricsRouter(token: string | undefined, metrics: Metrics): Router {
  const router = Router();
  router.get('/metrics', async (req, res) => {
    if (!mayScrape(req, token)) {
      res
        .status(404)
        .json({ error: 'not_found', message: `No route for ${req.method} ${req.path}` });
      return;
    }
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  return router;
}

function mayScrape(req: Request, token: string | undefined): boolean {
  const presented = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1];
  if (token && presented) return sameSecret(presented, token);
  return (
    loopback.has(req.socket.remoteAddress ?? '') &&
    proxyHeaders.every((header) => req.get(header) === undefined)
  );
}

/** Compares digests, so neither the length nor the content leaks through timing. */
const sameSecret = (a: string, b: string) =>
  timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
