import express, { Router, type Request, type Response } from 'express';
import { and, eq, gt, inArray, lt, ne } from 'drizzle-orm';
import { z, ZodError } from 'zod';
import type { Database } from '../../../db/client.js';
import { services, shifts, territories } from '../../../db/schema/index.js';
import { localDateOf } from '../../../rota/calendar/local-date.js';
import { canManageTerritory } from '../../access/actor.js';
import { csrfToken, requireCsrf } from '../../access/middleware.js';
import { saveShift, type ShiftTime } from '../shifts/commands.js';
import type { AppDeps } from '../../platform/deps.js';
import { HttpError, notFound } from '../../platform/http-errors.js';
import { refusalOf } from '../../web/form-refusal.js';
import { page } from '../../web/layout.js';
import { localTimeOf } from './feed-events.js';
import { membersOf } from './feed-load.js';
import { shiftEditBody, type ShiftEditValues } from './shift-edit-view.js';

const form = express.urlencoded({ extended: false });
const id = z.string().uuid('garde introuvable');
const hhmm = /^([01]\d|2[0-3]):[0-5]\d$/;
const editBody = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date AAAA-MM-JJ attendue'),
  start: z.string().regex(hhmm, 'heure de début HH:MM attendue'),
  end: z.string().regex(hhmm, 'heure de fin HH:MM attendue'),
  level: z.coerce
    .number({ error: 'niveau invalide' })
    .int('niveau entier attendu')
    .min(1, 'niveau de 1 à 9')
    .max(9, 'niveau de 1 à 9'),
  professionalId: z
    .union([z.literal(''), z.string().uuid('professionnel invalide')])
    .transform((v) => v || null),
});

async function loadShift(db: Database, shiftId: string) {
  const [row] = await db
    .select({ shift: shifts, service: services, territory: territories })
    .from(shifts)
    .innerJoin(services, eq(services.id, shifts.serviceId))
    .innerJoin(territories, eq(territories.id, services.territoryId))
    .where(eq(shifts.id, id.parse(shiftId)));
  if (!row) throw notFound('Garde');
  return row;
}

/** Members of the service with no other active shift overlapping the shift's current times. */
async function offeredFor(db: Database, shift: typeof shifts.$inferSelect) {
  const members = await membersOf(db, shift.serviceId);
  if (!members.length) return members;
  const busy = await db
    .select({ professionalId: shifts.professionalId })
    .from(shifts)
    .where(
      and(
        inArray(
          shifts.professionalId,
          members.map((m) => m.id),
        ),
        eq(shifts.status, 'active'),
        ne(shifts.id, shift.id),
        lt(shifts.startsAt, shift.endsAt),
        gt(shifts.endsAt, shift.startsAt),
      ),
    );
  return members.filter((m) => !busy.some((b) => b.professionalId === m.id));
}

/**
 * GET/POST /rota/shifts/:id/edit: change a shift's date, times, level and professional from a
 * form (the calendar's events link here); POST /rota/shifts/:id/assign kept for old links.
 * Refusals re-render the form with the reason and 400/409, never a 500.
 */
export function shiftEditPage(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.db;

  async function render(
    req: Request,
    res: Response,
    shiftId: string,
    values?: ShiftEditValues,
    refusal?: { status: number; message: string },
  ) {
    const { shift, service, territory } = await loadShift(db, shiftId);
    const zone = territory.timeZone;
    const fmt = new Intl.DateTimeFormat('fr-FR', {
      timeZone: zone,
      dateStyle: 'full',
      timeStyle: 'short',
    });
    const stored = {
      date: localDateOf(shift.startsAt, zone),
      start: localTimeOf(shift.startsAt, zone),
      end: localTimeOf(shift.endsAt, zone),
      level: String(shift.level),
      professionalId: shift.professionalId ?? '',
    };
    const body = shiftEditBody({
      shiftId: shift.id,
      serviceName: service.name,
      summary: `${fmt.format(shift.startsAt)} → ${fmt.format(shift.endsAt)} · niveau ${shift.level}${shift.status === 'active' ? '' : ' · annulée'}`,
      values: values ?? stored,
      offered: await offeredFor(db, shift),
      manage: canManageTerritory(req.actor!, territory.id) && shift.status === 'active',
      csrf: csrfToken(req),
      refusal: refusal?.message,
      backUrl: `/rota?service=${service.id}&date=${stored.date}`,
    });
    res
      .status(refusal?.status ?? 200)
      .type('html')
      .send(page('Modifier la garde', req.actor, body, csrfToken(req)));
  }

  async function save(
    req: Request,
    res: Response,
    shiftId: string,
    time: (shift: typeof shifts.$inferSelect) => ShiftTime,
    fields: { level?: number; professionalId: string | null },
  ) {
    const { shift, service, territory } = await loadShift(db, shiftId);
    await saveShift(
      db,
      req.actor!,
      {
        serviceId: shift.serviceId,
        professionalId: fields.professionalId,
        level: fields.level ?? shift.level,
        time: time(shift),
      },
      shift.id,
    );
    await deps.onShiftChanged?.([shift.id]);
    const [after] = await db.select().from(shifts).where(eq(shifts.id, shift.id));
    res.redirect(
      303,
      `/rota?service=${service.id}&date=${localDateOf(after!.startsAt, territory.timeZone)}`,
    );
  }

  router.get('/rota/shifts/:id/edit', (req, res) => render(req, res, String(req.params.id)));

  router.post('/rota/shifts/:id/edit', form, requireCsrf, async (req, res) => {
    const raw = req.body as Record<string, unknown>;
    const typed: ShiftEditValues = {
      date: String(raw.date ?? ''),
      start: String(raw.start ?? ''),
      end: String(raw.end ?? ''),
      level: String(raw.level ?? ''),
      professionalId: String(raw.professionalId ?? ''),
    };
    try {
      const b = editBody.parse(raw);
      await save(
        req,
        res,
        String(req.params.id),
        () => ({ date: b.date, start: b.start, end: b.end }),
        { level: b.level, professionalId: b.professionalId },
      );
    } catch (err) {
      const refusal = refusalOf(err);
      if (
        !refusal ||
        (err instanceof HttpError && err.status === 404 && err.message.startsWith('Garde'))
      )
        throw err;
      await render(req, res, String(req.params.id), typed, refusal);
    }
  });

  router.post('/rota/shifts/:id/assign', form, requireCsrf, async (req, res) => {
    const professionalId =
      z
        .object({
          professionalId: z.union([z.literal(''), z.string().uuid('professionnel invalide')]),
        })
        .parse(req.body ?? {}).professionalId || null;
    try {
      await save(
        req,
        res,
        String(req.params.id),
        (s) => ({ startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString() }),
        { professionalId },
      );
    } catch (err) {
      const refusal = refusalOf(err);
      if (!refusal || err instanceof ZodError) throw err;
      await render(req, res, String(req.params.id), undefined, refusal);
    }
  });
  return router;
}
