import { Router } from 'express';
import type { AppDeps } from '../platform/deps.js';
import { forbidden } from '../platform/http-errors.js';
import {
  createTerritory,
  managedService,
  managedTerritory,
  removeCalendarDay,
  setCalendarDay,
  updateService,
  updateTerritory,
} from './commands.js';
import {
  calendarDay,
  calendarDayKind,
  entityId,
  newTerritory,
  servicePatch,
  territoryPatch,
} from './schema.js';
import { refusePont } from './pont-refusals.js';
import { territoryRowsReadableBy } from './store.js';

/** Territories (admins create), their numbers and settings, services and their shift templates, confirmed ponts. */
export function territoriesRouter(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.db;

  // Each write checks the actor's territory before reading the body: an outsider learns nothing from a 400.
  router.get('/territories', async (req, res) => {
    res.json({ territories: await territoryRowsReadableBy(db, req.actor!) });
  });
  router.post('/territories', async (req, res) => {
    // Only admins open territories: refused before the body is even read.
    if (req.actor!.role !== 'admin') throw forbidden();
    const id = await createTerritory(db, req.actor!, newTerritory.parse(req.body ?? {}));
    res.status(201).json({ id });
  });
  router.patch('/territories/:id', async (req, res) => {
    const id = entityId.parse(req.params.id);
    await managedTerritory(db, req.actor!, id);
    await updateTerritory(db, req.actor!, id, territoryPatch.parse(req.body ?? {}), deps.now());
    res.json({ id });
  });
  router.patch('/services/:id', async (req, res) => {
    const id = entityId.parse(req.params.id);
    await managedService(db, req.actor!, id);
    await updateService(db, req.actor!, id, servicePatch.parse(req.body ?? {}));
    res.json({ id });
  });
  router.put('/territories/:id/calendar/:day', async (req, res) => {
    const territoryId = entityId.parse(req.params.id);
    await managedTerritory(db, req.actor!, territoryId);
    const day = calendarDay.parse(req.params.day);
    const value = calendarDayKind.parse(req.body ?? {});
    await setCalendarDay(db, req.actor!, territoryId, day, value);
    res.json({ day, ...value });
  });
  router.delete('/territories/:id/calendar/:day', async (req, res) => {
    const territoryId = entityId.parse(req.params.id);
    await removeCalendarDay(db, req.actor!, territoryId, calendarDay.parse(req.params.day));
    res.status(204).end();
  });
  // Refusing a proposed pont (confirming one is the PUT above, kind 'pont').
  router.put('/territories/:id/ponts/:day/refusal', async (req, res) => {
    const territoryId = entityId.parse(req.params.id);
    await managedTerritory(db, req.actor!, territoryId);
    const day = calendarDay.parse(req.params.day);
    await refusePont(db, req.actor!, territoryId, day);
    res.json({ day, status: 'refused' });
  });
  return router;
}
