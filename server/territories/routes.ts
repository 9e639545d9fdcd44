import { randomBytes } from 'node:crypto';
import { Router } from 'express';
import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../platform/audit.js';
import { calendarDays, services, territories, territoryNumbers } from '../../db/schema/index.js';
import { defaultTerritorySettings } from '../../db/schema/settings.js';
import { canManageTerritory, type Actor, auditActorOf } from '../access/actor.js';
import type { AppDeps } from '../platform/deps.js';
import { forbidden, notFound, nothingToChange } from '../platform/http-errors.js';
import { toE164 } from '../platform/phone-numbers.js';

const phone = z
  .string()
  .transform(
    (v, ctx) =>
      toE164(v) ??
      (ctx.addIssue({ code: 'custom', message: `« ${v} » n'est pas un numéro valide` }), ''),
  );
const settings = z
  .object({
    regulates: z.boolean(),
    recordingNotice: z.boolean(),
    languages: z.array(z.enum(['fr', 'en'])).min(1),
    alsaceMoselle: z.boolean(),
    saturdayAfternoon: z.boolean(),
    swapAutoApprove: z.boolean(),
    callbackDeadlineMinutes: z.number().int().min(5).max(720),
    followUpSms: z.boolean(),
    retention: z.object({
      callRecordsDays: z.number().int().min(30),
      smsDays: z.number().int().min(7),
      auditDays: z.number().int().min(30),
    }),
  })
  .partial();
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'heure HH:MM attendue');
const template = z
  .array(
    z.object({
      name: z.string().min(1).max(40),
      days: z
        .array(z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'holiday', 'pont']))
        .min(1),
      start: hhmm,
      end: hhmm,
      levels: z.number().int().min(1).max(5),
      kind: z.enum(['weeknight', 'saturday', 'sunday_holiday', 'christmas_newyear']),
    }),
  )
  .max(20);

/** Territories (admins create), their numbers and settings, services and their shift templates, confirmed ponts. */
export function territoriesRouter(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.db;
  const managed = async (actor: Actor, id: string) => {
    const territoryId = z.string().uuid('identifiant invalide').parse(id);
    const [row] = await db.select().from(territories).where(eq(territories.id, territoryId));
    if (!row) throw notFound('Territoire');
    if (!canManageTerritory(actor, territoryId)) throw forbidden();
    return row;
  };

  router.get('/territories', async (req, res) => {
    const actor = req.actor!;
    const rows =
      actor.role === 'admin'
        ? await db.select().from(territories)
        : actor.territoryIds.length
          ? await db.select().from(territories).where(inArray(territories.id, actor.territoryIds))
          : [];
    res.json({ territories: rows });
  });
  router.post('/territories', async (req, res) => {
    if (req.actor!.role !== 'admin') throw forbidden();
    const body = z
      .object({
        slug: z.string().regex(/^[a-z0-9-]{2,40}$/, 'minuscules, chiffres et tirets'),
        name: z.string().min(2).max(120),
        timeZone: z.string().default('Europe/Paris'),
        numbers: z.array(phone).min(1),
        fallbackNumber: phone.nullable().default(null),
        daytimeNumber: phone.nullable().default(null),
        settings: settings.default({}),
      })
      .parse(req.body ?? {});
    const id = await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(territories)
        .values({
          slug: body.slug,
          name: body.name,
          timeZone: body.timeZone,
          fallbackNumber: body.fallbackNumber,
          daytimeNumber: body.daytimeNumber,
          settings: { ...defaultTerritorySettings, ...body.settings },
        })
        .returning();
      await tx
        .insert(territoryNumbers)
        .values(body.numbers.map((number) => ({ number, territoryId: row!.id })));
      await tx.insert(services).values({
        territoryId: row!.id,
        kind: 'doctor',
        name: 'Médecin de garde',
        icalToken: randomBytes(18).toString('base64url'),
      });
      await recordAudit(tx, auditActorOf(req.actor!), {
        action: 'territory.create',
        entity: 'territory',
        entityId: row!.id,
        territoryId: row!.id,
        after: row,
      });
      return row!.id;
    });
    res.status(201).json({ id });
  });
  router.patch('/territories/:id', async (req, res) => {
    const before = await managed(req.actor!, req.params.id);
    const body = z
      .object({
        name: z.string().min(2).max(120),
        fallbackNumber: phone.nullable(),
        daytimeNumber: phone.nullable(),
        settings,
      })
      .partial()
      .parse(req.body ?? {});
    await db.transaction(async (tx) => {
      const { settings: changed, ...fields } = body;
      const [after] = await tx
        .update(territories)
        .set({ ...fields, settings: { ...before.settings, ...changed } })
        .where(eq(territories.id, before.id))
        .returning();
      await recordAudit(tx, auditActorOf(req.actor!), {
        action: 'territory.update',
        entity: 'territory',
        entityId: before.id,
        territoryId: before.id,
        before,
        after,
      });
    });
    res.json({ id: before.id });
  });
  router.patch('/services/:id', async (req, res) => {
    const [service] = await db
      .select()
      .from(services)
      .where(eq(services.id, z.string().uuid().parse(req.params.id)));
    if (!service) throw notFound('Service');
    await managed(req.actor!, service.territoryId);
    const body = z
      .object({
        name: z.string().min(2).max(120),
        requiredLevels: z.number().int().min(1).max(5),
        template,
        active: z.boolean(),
      })
      .partial()
      .parse(req.body ?? {});
    if (Object.keys(body).length === 0) throw nothingToChange();
    await db.transaction(async (tx) => {
      const [after] = await tx
        .update(services)
        .set(body)
        .where(eq(services.id, service.id))
        .returning();
      await recordAudit(tx, auditActorOf(req.actor!), {
        action: 'service.update',
        entity: 'service',
        entityId: service.id,
        territoryId: service.territoryId,
        before: service,
        after,
      });
    });
    res.json({ id: service.id });
  });
  router.put('/territories/:id/calendar/:day', async (req, res) => {
    const territory = await managed(req.actor!, req.params.id);
    const day = z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'date AAAA-MM-JJ attendue')
      .parse(req.params.day);
    const body = z
      .object({
        kind: z.enum(['pont', 'holiday']),
        note: z.string().max(200).nullable().default(null),
      })
      .parse(req.body ?? {});
    await db.transaction(async (tx) => {
      await tx
        .insert(calendarDays)
        .values({ territoryId: territory.id, day, ...body })
        .onConflictDoUpdate({ target: [calendarDays.territoryId, calendarDays.day], set: body });
      await recordAudit(tx, auditActorOf(req.actor!), {
        action: 'calendar.set',
        entity: 'calendar_day',
        entityId: day,
        territoryId: territory.id,
        after: body,
      });
    });
    res.json({ day, ...body });
  });
  router.delete('/territories/:id/calendar/:day', async (req, res) => {
    const territory = await managed(req.actor!, req.params.id);
    await db.transaction(async (tx) => {
      await tx
        .delete(calendarDays)
        .where(
          and(
            eq(calendarDays.territoryId, territory.id),
            eq(calendarDays.day, String(req.params.day)),
          ),
        );
      await recordAudit(tx, auditActorOf(req.actor!), {
        action: 'calendar.remove',
        entity: 'calendar_day',
        entityId: String(req.params.day),
        territoryId: territory.id,
      });
    });
    res.status(204).end();
  });
  return router;
}
