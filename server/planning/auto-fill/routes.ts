import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../../platform/deps.js';
import { level } from '../shifts/schema.js';
import { acceptAutoFill, managedService } from './commands.js';
import { proposeForService } from './proposal.js';

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date AAAA-MM-JJ attendue');
const limits = {
  maxPerMonth: z.number().int().min(1).max(31).default(6),
  minRestHours: z.number().min(0).max(72).default(11),
};
const instant = z
  .string()
  .datetime({ offset: true })
  .transform((v) => new Date(v));
const acceptBody = z.object({
  from: localDate.optional(),
  to: localDate.optional(),
  ...limits,
  assignments: z
    .array(
      z.object({
        startsAt: instant,
        endsAt: instant,
        level,
        kind: z.enum(['weeknight', 'saturday', 'sunday_holiday', 'christmas_newyear']).optional(),
        professionalId: z.string().uuid(),
      }),
    )
    .min(1)
    .max(2000),
});

/** Auto-fill: the server proposes, then the manager accepts (only what it proposed). */
export function autoFillRouter(deps: AppDeps): Router {
  const router = Router();
  router.post('/services/:id/auto-fill', async (req, res) => {
    const serviceId = z.string().uuid('identifiant invalide').parse(req.params.id);
    const { service, territory } = await managedService(deps, req.actor!, serviceId);
    const body = z.object({ from: localDate, to: localDate, ...limits }).parse(req.body ?? {});
    const proposal = await proposeForService(
      deps.db.db,
      service,
      territory,
      body.from,
      body.to,
      body,
    );
    res.json({
      ...proposal,
      slots: proposal.slots.map((s) => ({
        key: s.key,
        startsAt: s.startsAt,
        endsAt: s.endsAt,
        level: s.level,
        kind: s.kind,
      })),
    });
  });

  router.post('/services/:id/auto-fill/accept', async (req, res) => {
    const serviceId = z.string().uuid('identifiant invalide').parse(req.params.id);
    const { assignments, from, to, maxPerMonth, minRestHours } = acceptBody.parse(req.body ?? {});
    const ids = await acceptAutoFill(deps, req.actor!, serviceId, {
      from,
      to,
      limits: { maxPerMonth, minRestHours },
      assignments,
    });
    res.status(201).json({ created: ids.length });
  });
  return router;
}
