import express, { Router } from 'express';
import { and, eq, gt, lt } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../platform/audit.js';
import { professionals, services, shifts, territories } from '../../db/schema/index.js';
import { holidaySet } from '../../rota/calendar/holidays.js';
import { localDateOf } from '../../rota/calendar/local-date.js';
import { proposedPonts } from '../../rota/calendar/ponts.js';
import { parseShiftsCsv, shiftsToCsv } from '../../rota/csv.js';
import { fairness } from '../../rota/fairness.js';
import { canManageTerritory, canReadTerritory, type Actor, auditActorOf } from '../access/actor.js';
import { acceptAssignments, proposeForService } from './auto-fill/commands.js';
import type { AppDeps } from '../platform/deps.js';
import { badRequest, forbidden, notFound } from '../platform/http-errors.js';
import { toE164 } from '../platform/phone-numbers.js';

const range = z
  .object({
    from: z.coerce.date({ error: 'date de début invalide' }),
    to: z.coerce.date({ error: 'date de fin invalide' }),
  })
  .refine((r) => r.to > r.from && r.to.getTime() - r.from.getTime() <= 400 * 86_400_000, {
    message: 'plage invalide (au plus 400 jours)',
    path: ['to'],
  });

/** Fairness, auto-fill (proposal, then acceptance), CSV import/export, ponts. */
export function planningRouter(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.db;
  const load = async (actor: Actor, id: string, write: boolean) => {
    const [row] = await db
      .select({ service: services, territory: territories })
      .from(services)
      .innerJoin(territories, eq(territories.id, services.territoryId))
      .where(eq(services.id, z.string().uuid('identifiant invalide').parse(id)));
    if (!row) throw notFound('Service');
    if (!(write ? canManageTerritory : canReadTerritory)(actor, row.service.territoryId))
      throw forbidden();
    return row;
  };
  const inRange = (serviceId: string, from: Date, to: Date) =>
    and(
      eq(shifts.serviceId, serviceId),
      eq(shifts.status, 'active'),
      lt(shifts.startsAt, to),
      gt(shifts.endsAt, from),
    );

  router.get('/services/:id/fairness', async (req, res) => {
    const { service } = await load(req.actor!, req.params.id, false);
    const { from, to } = range.parse(req.query);
    const rows = await db
      .select()
      .from(shifts)
      .where(inRange(service.id, from, to));
    res.json({
      loads: fairness(
        rows.map((s) => ({ ...s, kind: s.kind ?? undefined })),
        { start: from, end: to },
      ),
    });
  });

  router.post('/services/:id/auto-fill', async (req, res) => {
    const { service, territory } = await load(req.actor!, req.params.id, true);
    const body = z
      .object({
        from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date AAAA-MM-JJ attendue'),
        to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date AAAA-MM-JJ attendue'),
        maxPerMonth: z.number().int().min(1).max(31).default(6),
        minRestHours: z.number().min(0).max(72).default(11),
      })
      .parse(req.body ?? {});
    const proposal = await proposeForService(db, service, territory, body.from, body.to, body);
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
    const { service } = await load(req.actor!, req.params.id, true);
    const body = z
      .object({
        assignments: z
          .array(
            z.object({
              startsAt: z
                .string()
                .datetime({ offset: true })
                .transform((v) => new Date(v)),
              endsAt: z
                .string()
                .datetime({ offset: true })
                .transform((v) => new Date(v)),
              level: z.number().int().min(1),
              kind: z.enum(['weeknight', 'saturday', 'sunday_holiday', 'christmas_newyear']),
              professionalId: z.string().uuid(),
            }),
          )
          .min(1)
          .max(2000),
      })
      .parse(req.body ?? {});
    const ids = await acceptAssignments(db, req.actor!, service, body.assignments);
    await deps.onShiftChanged?.(ids);
    res.status(201).json({ created: ids.length });
  });

  router.get('/services/:id/shifts.csv', async (req, res) => {
    const { service, territory } = await load(req.actor!, req.params.id, false);
    const { from, to } = range.parse(req.query);
    const rows = await db
      .select({ s: shifts, mobile: professionals.mobile })
      .from(shifts)
      .leftJoin(professionals, eq(professionals.id, shifts.professionalId))
      .where(inRange(service.id, from, to))
      .orderBy(shifts.startsAt, shifts.level);
    const hm = (d: Date) =>
      new Intl.DateTimeFormat('fr-FR', {
        timeZone: territory.timeZone,
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).format(d);
    res
      .type('text/csv')
      .attachment(`gardes-${localDateOf(from, territory.timeZone)}.csv`)
      .send(
        shiftsToCsv(
          rows.map((r) => ({
            service: service.name,
            date: localDateOf(r.s.startsAt, territory.timeZone),
            start: hm(r.s.startsAt),
            end: hm(r.s.endsAt),
            professional: r.mobile ?? '',
            level: r.s.level,
          })),
        ),
      );
  });

  router.post(
    '/services/:id/shifts.csv',
    express.text({ type: ['text/csv', 'text/plain'], limit: '2mb' }),
    async (req, res) => {
      const { service, territory } = await load(req.actor!, req.params.id, true);
      if (typeof req.body !== 'string' || !req.body.trim())
        throw badRequest('Corps CSV attendu (Content-Type: text/csv).');
      const people = await db
        .select({ id: professionals.id, name: professionals.name, mobile: professionals.mobile })
        .from(professionals)
        .where(eq(professionals.territoryId, territory.id));
      const result = parseShiftsCsv(req.body, {
        timeZone: territory.timeZone,
        serviceOf: (t) => (t === service.name || t === service.id ? service.id : null),
        professionalOf: (t) =>
          people.find((p) => p.mobile === toE164(t) || p.name === t)?.id ?? null,
      });
      if (!result.ok)
        return void res.status(400).json({
          error: 'bad_csv',
          message: `${result.errors.length} ligne(s) invalide(s) : rien n'a été importé.`,
          errors: result.errors,
        });
      const ids = await db.transaction(async (tx) => {
        const rows = await tx
          .insert(shifts)
          .values(
            result.shifts.map((s) => ({
              serviceId: s.serviceId,
              professionalId: s.professionalId,
              level: s.level,
              startsAt: s.startsAt,
              endsAt: s.endsAt,
            })),
          )
          .returning({ id: shifts.id });
        await recordAudit(tx, auditActorOf(req.actor!), {
          action: 'shifts.import',
          entity: 'service',
          entityId: service.id,
          territoryId: territory.id,
          after: { shifts: rows.length },
        });
        return rows.map((r) => r.id);
      });
      await deps.onShiftChanged?.(ids);
      res.status(201).json({ created: ids.length });
    },
  );

  router.get('/territories/:id/calendar', async (req, res) => {
    const id = z.string().uuid().parse(req.params.id);
    if (!canReadTerritory(req.actor!, id)) throw forbidden();
    const [territory] = await db.select().from(territories).where(eq(territories.id, id));
    if (!territory) throw notFound('Territoire');
    const year = z.coerce
      .number()
      .int()
      .min(2000)
      .max(2100)
      .parse(req.query.year ?? localDateOf(deps.now(), territory.timeZone).slice(0, 4));
    const holidays = [
      ...holidaySet(year, year, { alsaceMoselle: territory.settings.alsaceMoselle }),
    ].sort();
    res.json({
      year,
      holidays,
      proposedPonts: proposedPonts(year, { alsaceMoselle: territory.settings.alsaceMoselle }),
    });
  });
  return router;
}
