import { Router } from 'express';
import { z } from 'zod';
import { createProfessional, updateProfessional } from './commands.js';
import { newProfessional, professionalPatch } from './schema.js';
import type { AppDeps } from '../platform/deps.js';
import { directoryEntryFor } from '../access/actor.js';
import { professionalsReadableBy } from './store.js';

/** The directory: professionals of the actor's territories; managers add and edit. */
export function professionalsRouter(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.db;
  router.get('/professionals', async (req, res) => {
    const rows = await professionalsReadableBy(db, req.actor!);
    res.json({ professionals: rows.map((p) => directoryEntryFor(req.actor!, p)) });
  });
  router.post('/professionals', async (req, res) => {
    const id = await createProfessional(db, req.actor!, newProfessional.parse(req.body ?? {}));
    res.status(201).json({ id });
  });
  router.patch('/professionals/:id', async (req, res) => {
    const id = z.string().uuid().parse(req.params.id);
    await updateProfessional(db, req.actor!, id, professionalPatch.parse(req.body ?? {}));
    res.json({ id });
  });
  return router;
}
