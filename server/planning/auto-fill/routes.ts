import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../../platform/deps.js';
import { dateInYears, localDate, localDateRange, uuidParam } from '../../platform/params.js';
import { level } from '../shifts/schema.js';
import { acceptAutoFill, managedService } from './commands.js';
import { proposeForService } from './proposal.js';

/** Auto-fill computes for every slot of the range: six months at most (a season of the rota). */
export const autoFillMaxDays = 186;
const limits = {
  maxPerMonth: z.number().int().min(1).max(31).default(6),
  minRestHours: z.number().min(0).max(72).default(11),
};
const instant = z
  .string()
  .datetime({ offset: true })
  .transform((v) => new Date(v))
  .pipe(dateInYears);
const acceptBody = z
  .object({
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
  })
  .refine(
    (b) => {
      // Without from/to the proposal is recomputed over the assignments' span: the same bound.
      // Guarded: zod 4 runs this even when a field failed.
      if (!Array.isArray(b.assignments) || !b.assignments.every((a) => a?.startsAt instanceof Date))
        return true;
      const starts = b.assignments.map((a) => a.startsAt.getTime());
      const from = b.from ? Date.parse(b.from) : Math.min(...starts);
      const to = b.to ? Date.parse(b.to) : Math.max(...starts);
      return to >= from && to - from <= autoFillMaxDays * 86_400_000;
    },
    {
      message: `plage de ${autoFillMaxDays} jours au plus. At most ${autoFillMaxDays} days.`,
      path: ['to'],
    },
  );

/** Auto-fill: the server proposes, then the manager accepts (only what it proposed). */
export function autoFillRouter(deps: AppDeps): Router {
  const router = Router();
  router.post('/services/:id/auto-fill', async (req, res) => {
    const serviceId = uuidParam.parse(req.params.id);
    const { service, territory } = await managedService(deps, req.actor!, serviceId);
    const body = localDateRange(autoFillMaxDays)
      .and(z.object(limits))
      .parse(req.body ?? {});
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
    const serviceId = uuidParam.parse(req.params.id);
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
