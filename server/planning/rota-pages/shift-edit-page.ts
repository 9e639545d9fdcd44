import express, { Router, type Request, type Response } from 'express';
import { ZodError } from 'zod';
import type { Database } from '../../../db/client.js';
import { localDateOf } from '../../../rota/calendar/local-date.js';
import { canManageTerritory, canReadTerritory, type Actor } from '../../access/actor.js';
import { csrfToken, requireCsrf } from '../../access/middleware.js';
import { changeShift, type ShiftWrite } from '../shifts/commands.js';
import { assignFormBody, shiftFormBody } from '../shifts/schema.js';
import { shiftsOverlapping, shiftWithTerritory, type ShiftRow } from '../shifts/store.js';
import type { AppDeps } from '../../platform/deps.js';
import { HttpError, notFound } from '../../platform/http-errors.js';
import { uuidParam } from '../../platform/params.js';
import { refusalOf } from '../../web/form-refusal.js';
import { page } from '../../web/layout.js';
import { localTimeOf } from './feed-events.js';
import { membersOf } from './feed-load.js';
import { shiftEditBody, type ShiftEditValues } from './shift-edit-view.js';

const form = express.urlencoded({ extended: false });
/**
 * The shift, if the actor may read its territory: a malformed id, an unknown one and another
 * territory's are the same 404 (the page tells nothing of what exists elsewhere).
 */
async function loadShift(db: Database, actor: Actor, shiftId: string) {
  const id = uuidParam.safeParse(shiftId).data;
  const row = id ? await shiftWithTerritory(db, id) : undefined;
  if (!row || !canReadTerritory(actor, row.territory.id)) throw notFound('Garde');
  return row;
}

/** Members of the service with no other active shift overlapping the shift's current times. */
async function offeredFor(db: Database, shift: ShiftRow, territoryId: string) {
  const members = await membersOf(db, shift.serviceId);
  const busy = await shiftsOverlapping(
    db,
    {
      territoryId,
      professionalId: members.map((m) => m.id),
      startsAt: shift.startsAt,
      endsAt: shift.endsAt,
    },
    [shift.id],
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
    const { shift, service, territory } = await loadShift(db, req.actor!, shiftId);
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
      offered: await offeredFor(db, shift, territory.id),
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
    write: Pick<ShiftWrite, 'time' | 'level' | 'professionalId'>,
  ) {
    const { shift } = await loadShift(db, req.actor!, shiftId);
    await changeShift(deps, req.actor!, shift.id, write);
    const after = await loadShift(db, req.actor!, shift.id);
    res.redirect(
      303,
      `/rota?service=${after.service.id}&date=${localDateOf(after.shift.startsAt, after.territory.timeZone)}`,
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
      const { level, professionalId, ...time } = shiftFormBody.parse(raw);
      await save(req, res, String(req.params.id), { time, level, professionalId });
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
    const professionalId = assignFormBody.parse(req.body ?? {}).professionalId || null;
    try {
      await save(req, res, String(req.params.id), { professionalId });
    } catch (err) {
      const refusal = refusalOf(err);
      if (!refusal || err instanceof ZodError) throw err;
      await render(req, res, String(req.params.id), undefined, refusal);
    }
  });
  return router;
}
