import { Router, type Request } from 'express';
import { z } from 'zod';
import { addDays } from '../../rota/calendar/local-date.js';
import { wallClockToInstant } from '../../rota/local-time.js';
import { canManageTerritory, canReadTerritory, type Actor } from '../access/actor.js';
import { shiftWithTerritory } from '../planning/shifts/store.js';
import type { AppDeps } from '../platform/deps.js';
import { forbidden, notFound } from '../platform/http-errors.js';
import { localDate, uuidParam } from '../platform/params.js';
import { findTerritoryById, territoriesReadableBy } from '../territories/store.js';
import { page } from '../web/layout.js';
import { historyFacets, historyPage, namesOf, type HistoryFilter } from './store.js';
import { historyBody } from './view.js';

const pageSize = 50;
// A date that exists (2026-02-30 is refused), or an empty field.
const day = localDate.optional().or(z.literal('').transform(() => undefined));
const query = z.object({
  territory: uuidParam.optional().or(z.literal('').transform(() => undefined)),
  entity: z.string().max(40).optional(),
  actor: z.string().max(200).optional(),
  from: day,
  to: day,
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});

/** Managers (and admins) of the territory read its history; others are told no, or nothing. */
function mayReadHistory(actor: Actor, territoryId: string) {
  if (!canReadTerritory(actor, territoryId)) throw notFound('Territoire');
  if (actor.role === 'professional' || !canManageTerritory(actor, territoryId)) throw forbidden();
}

/**
 * GET /history (a territory's audit: who changed what, before → after, when; filtered by kind of
 * entry, person and dates; 50 a page) and GET /rota/shifts/:id/history (one shift and its swaps).
 */
export function historyPages(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.db;

  const show = async (req: Request, scope: { territoryId: string; shiftId?: string }) => {
    const actor = req.actor!;
    const q = query.parse(req.query);
    const zone =
      (await findTerritoryById(db, scope.territoryId))?.territory.timeZone ?? 'Europe/Paris';
    const filter: HistoryFilter = {
      ...scope,
      ...(q.entity ? { entity: q.entity } : {}),
      ...(q.actor ? { actor: q.actor } : {}),
      ...(q.from ? { from: wallClockToInstant(q.from, '00:00', zone) } : {}),
      ...(q.to ? { to: wallClockToInstant(addDays(q.to, 1), '00:00', zone) } : {}),
    };
    const { rows, more } = await historyPage(db, filter, q.page, pageSize);
    const facets = await historyFacets(db, scope.territoryId);
    const territories = scope.shiftId
      ? []
      : (await territoriesReadableBy(db, actor)).filter((t) => canManageTerritory(actor, t.id));
    return historyBody({
      rows,
      more,
      page: q.page,
      filters: { ...q, territory: scope.territoryId },
      facets,
      territories,
      action: scope.shiftId ? `/rota/shifts/${scope.shiftId}/history` : '/history',
      names: await namesOf(db, idsOfRows(rows)),
      timeZone: zone,
    });
  };

  router.get('/history', async (req, res) => {
    const actor = req.actor!;
    if (actor.role === 'professional') throw forbidden();
    const wanted = query.shape.territory.parse(req.query.territory);
    const mine = (await territoriesReadableBy(db, actor)).filter((t) =>
      canManageTerritory(actor, t.id),
    );
    const territoryId = wanted ?? mine[0]?.id;
    if (!territoryId) throw notFound('Territoire');
    mayReadHistory(actor, territoryId);
    const body = await show(req, { territoryId });
    res.type('html').send(page('Historique des modifications', actor, body));
  });

  router.get('/rota/shifts/:id/history', async (req, res) => {
    const actor = req.actor!;
    const id = uuidParam.safeParse(req.params.id).data;
    const row = id ? await shiftWithTerritory(db, id) : undefined;
    if (!row) throw notFound('Garde');
    mayReadHistory(actor, row.territory.id);
    const body = await show(req, { territoryId: row.territory.id, shiftId: row.shift.id });
    res.type('html').send(page('Historique de la garde', actor, body));
  });
  return router;
}

const idsOfRows = (rows: { before: unknown; after: unknown }[]) => {
  const ids = new Set<string>();
  for (const r of rows)
    for (const v of [r.before, r.after])
      if (v && typeof v === 'object')
        for (const k of ['professionalId', 'serviceId', 'offeredBy', 'takenBy'])
          if (typeof (v as Record<string, unknown>)[k] === 'string')
            ids.add((v as Record<string, string>)[k]!);
  return [...ids];
};
