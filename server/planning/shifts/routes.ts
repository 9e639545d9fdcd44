import { Router } from 'express';
import { loadRotaWindow } from '../rota-window.js';
import { findTerritoryById } from '../../territories/store.js';
import { territoryCalendar } from '../../../rota/calendar/territory-calendar.js';
import { pdsaPeriods } from '../../../rota/calendar/pdsa.js';
import { coverageGaps } from '../../../rota/gaps.js';
import { canReadTerritory, contactShownTo, type Actor } from '../../access/actor.js';
import { cancelShift, changeShift, createShift } from './commands.js';
import { shiftCreateBody, shiftId, shiftPatchBody } from './schema.js';
import { activeShiftsOf, serviceWithTerritory } from './store.js';
import type { AppDeps } from '../../platform/deps.js';
import { notFound } from '../../platform/http-errors.js';
import { instant, instantRange, uuidParam } from '../../platform/params.js';
import { contactsFrom } from '../../line/contacts.js';
import { leaveOf } from '../unavailability/store.js';
import { serviceHoursOf } from '../../territories/service-hours.js';

const range = instantRange(400);

/** 404 for an unknown service and for another territory's alike: an id tells nothing. */
async function serviceFor(deps: AppDeps, actor: Actor, id: unknown) {
  const row = await serviceWithTerritory(deps.db.db, uuidParam.parse(id));
  if (!row || !canReadTerritory(actor, row.service.territoryId)) throw notFound('Service');
  return row.service;
}

/** The rota API: on duty now, shifts of a range, gaps; shift writes go through the shift commands. */
export function rotaRouter(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.db;
  router.get('/services/:id/on-duty', async (req, res) => {
    const service = await serviceFor(deps, req.actor!, req.params.id);
    const at = req.query.at ? instant.parse(req.query.at) : deps.now();
    const territory = await findTerritoryById(db, service.territoryId);
    const rota = await loadRotaWindow(db, service.id, at, new Date(at.getTime() + 1));
    res.json({
      at,
      contacts: contactsFrom(rota, service.id, at, territory?.territory.fallbackNumber ?? null).map(
        (c) => ({ ...c, phone: contactShownTo(req.actor!, c.professionalId, c.phone) }),
      ),
    });
  });
  router.get('/services/:id/shifts', async (req, res) => {
    const service = await serviceFor(deps, req.actor!, req.params.id);
    const { from, to } = range.parse(req.query);
    res.json({ shifts: await activeShiftsOf(db, service.id, from, to) });
  });
  router.get('/services/:id/gaps', async (req, res) => {
    const service = await serviceFor(deps, req.actor!, req.params.id);
    const { from, to } = range.parse(req.query);
    const { territory, calendar: confirmed } = (await findTerritoryById(db, service.territoryId))!;
    const year = from.getUTCFullYear();
    const calendar = territoryCalendar(
      { timeZone: territory.timeZone, ...territory.settings },
      confirmed,
      year - 1,
      year + 2,
      // The service's own hours: a pharmacy's Saturday afternoon is no gap.
      serviceHoursOf(service),
    );
    const rows = await activeShiftsOf(db, service.id, from, to);
    res.json({
      gaps: coverageGaps(
        pdsaPeriods({ start: from, end: to }, calendar),
        rows.map((s) => ({ ...s, kind: s.kind ?? undefined })),
        service.requiredLevels,
        await leaveOf(
          db,
          rows.map((s) => s.professionalId),
          from,
          to,
        ),
      ),
    });
  });
  router.post('/shifts', async (req, res) => {
    const { serviceId, professionalId, level, ...time } = shiftCreateBody.parse(req.body ?? {});
    const id = await createShift(deps, req.actor!, { serviceId, professionalId, level, time });
    res.status(201).json({ id });
  });
  router.patch('/shifts/:id', async (req, res) => {
    const id = shiftId.parse(req.params.id);
    const b = shiftPatchBody.parse(req.body ?? {});
    const time =
      b.date && b.start && b.end
        ? { date: b.date, start: b.start, end: b.end, disambiguation: b.disambiguation }
        : { startsAt: b.startsAt, endsAt: b.endsAt };
    await changeShift(deps, req.actor!, id, {
      serviceId: b.serviceId,
      professionalId: b.professionalId,
      level: b.level,
      time,
    });
    res.json({ id });
  });
  router.delete('/shifts/:id', async (req, res) => {
    await cancelShift(deps, req.actor!, shiftId.parse(req.params.id));
    res.status(204).end();
  });
  return router;
}
