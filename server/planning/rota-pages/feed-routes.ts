import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../../platform/deps.js';
import { apiErrorHandler, forbidden } from '../../platform/http-errors.js';
import { instant } from '../../platform/params.js';
import { rotaFeedEvents } from './feed-events.js';
import { loadRotaFeed, visibleServices } from './feed-load.js';

// FullCalendar sends the visible range as ISO strings in the calendar's zone ("2026-10-26T00:00:00+01:00").
const feedQuery = z
  .object({
    service: z.string().uuid('service invalide'),
    start: instant,
    end: instant,
  })
  // Guarded: zod 4 runs these even when a date failed (a string has no getTime).
  .refine((q) => !(q.start instanceof Date && q.end instanceof Date) || q.end > q.start, {
    message: 'la fin doit suivre le début',
    path: ['end'],
  })
  .refine(
    (q) =>
      !(q.start instanceof Date && q.end instanceof Date) ||
      q.end.getTime() - q.start.getTime() <= 120 * 86_400_000,
    {
      message: 'au plus 120 jours',
      path: ['end'],
    },
  );

/**
 * GET /rota/feed: the calendar's JSON event feed for one service (session auth, same visibility
 * as /rota). Load → pure compute (rota-feed-events.ts) → respond; errors answer in JSON.
 */
export function rotaFeed(deps: AppDeps): Router {
  const router = Router();
  const feed: RequestHandler = async (req, res) => {
    const query = feedQuery.parse(req.query);
    const chosen = (await visibleServices(deps.db.db, req.actor!)).find(
      (v) => v.service.id === query.service,
    );
    // Another territory's service and an unknown one look the same: no existence leak.
    if (!chosen) throw forbidden('Service non visible pour votre compte.');
    const input = await loadRotaFeed(
      deps.db.db,
      req.actor!,
      chosen,
      { start: query.start, end: query.end },
      deps.now(),
    );
    res.set('cache-control', 'no-store').json(rotaFeedEvents(input).events);
  };
  router.get('/rota/feed', feed, apiErrorHandler);
  return router;
}
