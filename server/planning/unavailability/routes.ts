import { Router } from 'express';
import { z } from 'zod';
import { createUnavailability, deleteUnavailability, listUnavailability } from './commands.js';
import type { AppDeps } from '../../platform/deps.js';
import { dateInYears } from '../../platform/params.js';
import { cancelOverride, createOverride } from './overrides.js';

const instant = z
  .string()
  .datetime({ offset: true, message: 'instant ISO 8601 avec fuseau attendu' })
  .transform((v) => new Date(v))
  .pipe(dateInYears);
const interval = z
  .object({ startsAt: instant, endsAt: instant })
  .refine((i) => i.endsAt > i.startsAt, {
    message: 'la fin doit suivre le début',
    path: ['endsAt'],
  });

/** Leave (a professional's own, or any for their managers) and overrides (managers). */
export function absencesRouter(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.db;

  router.get('/unavailability', async (req, res) => {
    res.json({
      unavailability: await listUnavailability(
        db,
        req.actor!,
        z.string().uuid('identifiant invalide').parse(req.query.professionalId),
      ),
    });
  });
  router.post('/unavailability', async (req, res) => {
    const body = z
      .object({
        professionalId: z.string().uuid('identifiant invalide'),
        reason: z.string().max(200).nullable().default(null),
      })
      .and(interval)
      .parse(req.body ?? {});
    // Saved regardless; the shifts it falls on are listed so the caller can warn and replace
    // (and the territory's managers are told).
    const { id, conflicts } = await createUnavailability(deps, req.actor!, body);
    res.status(201).json({
      id,
      conflicts,
      ...(conflicts.length > 0
        ? {
            warning:
              'Indisponibilité enregistrée, mais elle chevauche des gardes attribuées : il faut les remplacer. ' +
              'Leave recorded, but it overlaps assigned shifts: they need someone else.',
          }
        : {}),
    });
  });
  router.delete('/unavailability/:id', async (req, res) => {
    await deleteUnavailability(db, req.actor!, z.string().uuid().parse(req.params.id));
    res.status(204).end();
  });

  router.post('/overrides', async (req, res) => {
    const body = z
      .object({
        shiftId: z.string().uuid('identifiant invalide'),
        professionalId: z.string().uuid('identifiant invalide'),
      })
      .and(z.object({ startsAt: instant, endsAt: instant }))
      .parse(req.body ?? {});
    // The command refuses an end before the start (the pages' door too).
    res.status(201).json({ id: await createOverride(deps, req.actor!, body) });
  });
  router.delete('/overrides/:id', async (req, res) => {
    await cancelOverride(
      deps,
      req.actor!,
      z.string().uuid('identifiant invalide').parse(req.params.id),
    );
    res.status(204).end();
  });
  return router;
}
