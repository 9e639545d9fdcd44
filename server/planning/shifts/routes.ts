import { Router } from 'express';
import { and, eq, gt, lt } from 'drizzle-orm';
import { z } from 'zod';
import { loadRotaWindow } from '../rota-window.js';
import { findTerritoryById } from '../../territories/store.js';
import { services, shifts } from '../../../db/schema/index.js';
import { territoryCalendar } from '../../../rota/calendar/territory-calendar.js';
import { pdsaPeriods } from '../../../rota/calendar/pdsa.js';
import { coverageGaps } from '../../../rota/gaps.js';
import { canReadTerritory, type Actor } from '../../access/actor.js';
import { cancelShift, saveShift } from './commands.js';
import type { AppDeps } from '../../platform/deps.js';
import { forbidden, notFound } from '../../platform/http-errors.js';
import { contactsFrom } from '../../line/contacts.js';

const uuid = z.string().uuid('identifiant invalide');
const range = z
  .object({
    from: z.coerce.date({ error: 'date de début invalide' }),
    to: z.coerce.date({ error: 'date de fin invalide' }),
  })
  .refine((r) => r.to > r.from, { message: 'la fin doit suivre le début', path: ['to'] })
  .refine((r) => r.to.getTime() - r.from.getTime() <= 400 * 86_400_000, {
    message: 'au plus 400 jours',
    path: ['to'],
  });
const time = z.union([
  z.object({
    startsAt: z
      .string()
      .datetime({ offset: true, message: 'instant ISO 8601 avec fuseau attendu' }),
    endsAt: z.string().datetime({ offset: true, message: 'instant ISO 8601 avec fuseau attendu' }),
  }),
  z.object({
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date AAAA-MM-JJ attendue'),
    start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'heure HH:MM attendue'),
    end: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'heure HH:MM attendue'),
    disambiguation: z.enum(['earlier', 'later']).optional(),
  }),
]);
const shiftBody = z
  .object({
    serviceId: uuid,
    professionalId: uuid.nullable(),
    level: z.number().int().min(1).max(9).default(1),
  })
  .and(time);

async function serviceFor(deps: AppDeps, actor: Actor, id: string) {
  const [service] = await deps.db.db
    .select()
    .from(services)
    .where(eq(services.id, uuid.parse(id)));
  if (!service) throw notFound('Service');
  if (!canReadTerritory(actor, service.territoryId)) throw forbidden();
  return service;
}

const split = (body: z.infer<typeof shiftBody>) => {
  const { serviceId, professionalId, level, ...time } = body;
  return { serviceId, professionalId, level, time };
};

/** The rota API: on duty now, shifts of a range, gaps; shift writes go through commands/shifts. */
export function rotaRouter(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.db;
  router.get('/services/:id/on-duty', async (req, res) => {
    const service = await serviceFor(deps, req.actor!, req.params.id);
    const at = req.query.at
      ? z.coerce.date({ error: 'instant invalide' }).parse(req.query.at)
      : deps.now();
    const territory = await findTerritoryById(db, service.territoryId);
    const rota = await loadRotaWindow(db, service.id, at, new Date(at.getTime() + 1));
    res.json({
      at,
      contacts: contactsFrom(rota, service.id, at, territory?.territory.fallbackNumber ?? null),
    });
  });
  router.get('/services/:id/shifts', async (req, res) => {
    const service = await serviceFor(deps, req.actor!, req.params.id);
    const { from, to } = range.parse(req.query);
    const rows = await db
      .select()
      .from(shifts)
      .where(
        and(
          eq(shifts.serviceId, service.id),
          eq(shifts.status, 'active'),
          lt(shifts.startsAt, to),
          gt(shifts.endsAt, from),
        ),
      )
      .orderBy(shifts.startsAt);
    res.json({ shifts: rows });
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
    );
    const rows = await db
      .select()
      .from(shifts)
      .where(
        and(
          eq(shifts.serviceId, service.id),
          eq(shifts.status, 'active'),
          lt(shifts.startsAt, to),
          gt(shifts.endsAt, from),
        ),
      );
    res.json({
      gaps: coverageGaps(
        pdsaPeriods({ start: from, end: to }, calendar),
        rows.map((s) => ({ ...s, kind: s.kind ?? undefined })),
        service.requiredLevels,
      ),
    });
  });
  router.post('/shifts', async (req, res) => {
    const id = await saveShift(db, req.actor!, split(shiftBody.parse(req.body ?? {})));
    await deps.onShiftChanged?.([id]);
    res.status(201).json({ id });
  });
  router.patch('/shifts/:id', async (req, res) => {
    const [existing] = await db
      .select()
      .from(shifts)
      .where(eq(shifts.id, uuid.parse(req.params.id)));
    if (!existing) throw notFound('Garde');
    const body = shiftBody.parse({
      serviceId: existing.serviceId,
      professionalId: existing.professionalId,
      level: existing.level,
      startsAt: existing.startsAt.toISOString(),
      endsAt: existing.endsAt.toISOString(),
      ...(req.body ?? {}),
    });
    await saveShift(db, req.actor!, split(body), existing.id);
    await deps.onShiftChanged?.([existing.id]);
    res.json({ id: existing.id });
  });
  router.delete('/shifts/:id', async (req, res) => {
    await cancelShift(db, req.actor!, uuid.parse(req.params.id));
    await deps.onShiftChanged?.([req.params.id]);
    res.status(204).end();
  });
  return router;
}
