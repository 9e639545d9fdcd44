import { Router } from 'express';
import { z } from 'zod';
import { calendarYear } from '../../rota/calendar/calendar-year.js';
import { localDateOf } from '../../rota/calendar/local-date.js';
import { canReadTerritory } from '../access/actor.js';
import type { AppDeps } from '../platform/deps.js';
import { notFound } from '../platform/http-errors.js';
import { maxYear, minYear, uuidParam } from '../platform/params.js';
import { findTerritoryById, refusedPonts } from '../territories/store.js';
import { fairnessReport } from './auto-fill/fairness-report.js';
import { autoFillRouter } from './auto-fill/routes.js';
import { csvRouter } from './csv/routes.js';
import { icalTokenRouter } from './ical/token-routes.js';
import { instantRange, readableService } from './service-access.js';

/** Fairness and the territory's calendar; auto-fill and CSV have their own rooms. */
export function planningRouter(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.db;

  router.get('/services/:id/fairness', async (req, res) => {
    const { service, territory } = await readableService(db, req.actor!, req.params.id);
    const { from, to } = instantRange.parse(req.query);
    res.json(await fairnessReport(db, service, territory, from, to));
  });

  router.use(autoFillRouter(deps), csvRouter(deps), icalTokenRouter(deps));

  router.get('/territories/:id/calendar', async (req, res) => {
    const id = uuidParam.parse(req.params.id);
    const found = canReadTerritory(req.actor!, id) ? await findTerritoryById(db, id) : undefined;
    if (!found) throw notFound('Territoire');
    const { territory, calendar } = found;
    const year = z.coerce
      .number()
      .int()
      .min(minYear)
      .max(maxYear)
      .parse(req.query.year ?? localDateOf(deps.now(), territory.timeZone).slice(0, 4));
    // `ponts` carries each one's status: a confirmed pont no longer shows as merely proposed.
    const { alsaceMoselle, overseas } = territory.settings;
    res.json(calendarYear(year, { alsaceMoselle, overseas }, calendar, await refusedPonts(db, id)));
  });
  return router;
}
