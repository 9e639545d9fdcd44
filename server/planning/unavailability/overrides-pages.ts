import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { localDateOf } from '../../../rota/calendar/local-date.js';
import { localToInstant } from '../../../rota/local-time.js';
import { canManageTerritory, canReadTerritory } from '../../access/actor.js';
import { csrfToken, requireCsrf } from '../../access/middleware.js';
import type { AppDeps } from '../../platform/deps.js';
import { badRequest, forbidden, notFound } from '../../platform/http-errors.js';
import { uuidParam } from '../../platform/params.js';
import { refusalOf } from '../../web/form-refusal.js';
import { html } from '../../web/html.js';
import { hiddenHeader, page, scrollingTable } from '../../web/layout.js';
import {
  frenchInstant,
  managedServiceChoice,
  monthParam,
  monthRange,
  planningLinks,
  servicePicker,
} from '../planning-nav.js';
import { membersOf } from '../rota-pages/feed-load.js';
import { activeShiftsOf, serviceWithTerritory, shiftWithTerritory } from '../shifts/store.js';
import { cancelOverride, createOverride } from './overrides.js';
import { overrideById, overridesOfService } from './store.js';

const form = express.urlencoded({ extended: false });
/** What the create form posts, as typed; empty times mean the shift's own bounds. */
const overrideForm = z.object({
  service: z.string().default(''),
  shiftId: z.string().default(''),
  professionalId: z.string().default(''),
  from: z.string().trim().default(''),
  to: z.string().trim().default(''),
});
type OverrideFields = z.infer<typeof overrideForm>;
const blank: OverrideFields = { service: '', shiftId: '', professionalId: '', from: '', to: '' };

/** A `datetime-local` value (2026-11-24T22:00) in the territory's zone. */
function instantOf(value: string, zone: string, what: string): Date {
  const [date = '', time = ''] = value.split('T');
  const r = localToInstant(date, time.slice(0, 5), zone, 'earlier');
  if (!r.ok) throw badRequest(`${what} : ${r.message}.`);
  return r.instant;
}

/**
 * GET /rota/overrides: the overrides of a service over a month (who replaces whom, when), a form
 * to create one (createOverride, the command of POST /api/overrides) and, for each, a cancel
 * that asks for confirmation first (cancelOverride, the command of DELETE /api/overrides/:id).
 */
export function overridesPages(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.db;

  async function render(
    req: Request,
    res: Response,
    q: { service?: unknown; month?: unknown },
    typed: OverrideFields = blank,
    refusal?: { status: number; message: string },
  ) {
    const { managed, chosen } = await managedServiceChoice(db, req.actor!, q.service);
    const zone = chosen.territory.timeZone;
    const range = monthRange(monthParam.parse(q.month), deps.now(), zone);
    const fmt = frenchInstant(zone);
    const [rows, shifts, members] = await Promise.all([
      overridesOfService(db, chosen.service.id, range.start, range.end),
      activeShiftsOf(db, chosen.service.id, range.start, range.end),
      membersOf(db, chosen.service.id),
    ]);
    const held = shifts.filter((s) => s.professionalId !== null);
    const names = new Map(members.map((m) => [m.id, m.name]));
    const base = `/rota/overrides?service=${chosen.service.id}`;
    const csrf = csrfToken(req);
    const done = typeof req.query.done === 'string' ? req.query.done : '';
    const notice = { created: 'Remplacement enregistré.', cancelled: 'Remplacement annulé.' }[done];
    const body = html`${planningLinks('overrides')}${servicePicker('/rota/overrides', {
      managed,
      chosen,
      extra: html`<div><label for="month">Mois</label><input id="month" name="month" type="month" value="${range.month}"></div>`,
    })}
<p class="row"><a class="button" href="${base}&month=${range.previous}">← Mois précédent</a><a class="button" href="${base}&month=${range.next}">Mois suivant →</a></p>
${notice && !refusal ? html`<p role="status" class="notice" data-testid="notice">${notice}</p>` : ''}
${scrollingTable(
  'Remplacements',
  html`<table data-testid="overrides"><caption class="muted">${rows.length} remplacement(s) en ${range.month}</caption>
<thead><tr><th scope="col">Garde</th><th scope="col">Remplacé</th><th scope="col">Remplaçant</th><th scope="col">Du</th><th scope="col">Au</th>${hiddenHeader('Actions')}</tr></thead><tbody>
${rows.map((o) => html`<tr data-override="${o.id}"><td>${fmt(o.shiftStartsAt)} → ${fmt(o.shiftEndsAt)} · niveau ${o.level}</td><td>${o.replacedName ?? '(à pourvoir)'}</td><td>${o.replacingName}</td><td>${fmt(o.startsAt)}</td><td>${fmt(o.endsAt)}</td><td><a href="/rota/overrides/${o.id}/cancel" aria-label="Annuler le remplacement de ${o.replacedName ?? 'la garde'} par ${o.replacingName}">Annuler…</a></td></tr>`)}
</tbody></table>`,
)}
<form class="card" method="post" action="/rota/overrides"><h2>Nouveau remplacement</h2>
${refusal ? html`<p class="error" role="alert" data-testid="form-error">${refusal.message}</p>` : ''}
<input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="service" value="${chosen.service.id}">
<label for="o-shift">Garde</label><select id="o-shift" name="shiftId" required><option value="">(choisir une garde)</option>${held.map((s) => html`<option value="${s.id}" ${s.id === typed.shiftId ? 'selected' : ''}>${fmt(s.startsAt)} → ${fmt(s.endsAt)} · niveau ${s.level} · ${names.get(s.professionalId ?? '') ?? ''}</option>`)}</select>
<label for="o-pro">Remplaçant</label><select id="o-pro" name="professionalId" required><option value="">(choisir)</option>${members.map((m) => html`<option value="${m.id}" ${m.id === typed.professionalId ? 'selected' : ''}>${m.name}</option>`)}</select>
<div class="row"><div><label for="o-from">Du (vide : début de la garde)</label><input id="o-from" type="datetime-local" name="from" value="${typed.from}"></div>
<div><label for="o-to">Au (vide : fin de la garde)</label><input id="o-to" type="datetime-local" name="to" value="${typed.to}"></div></div>
<p><button type="submit">Enregistrer le remplacement</button></p></form>`;
    res
      .status(refusal?.status ?? 200)
      .type('html')
      .send(page(`Remplacements · ${chosen.service.name}`, req.actor, body, csrf));
  }

  router.get('/rota/overrides', (req, res) => render(req, res, req.query));

  router.post('/rota/overrides', form, requireCsrf, async (req, res) => {
    const typed = overrideForm.parse(req.body ?? {});
    const serviceId = uuidParam.safeParse(typed.service).data;
    const found = serviceId ? await serviceWithTerritory(db, serviceId) : undefined;
    if (!found || !canReadTerritory(req.actor!, found.territory.id)) throw notFound('Service');
    if (!canManageTerritory(req.actor!, found.territory.id)) throw forbidden();
    const zone = found.territory.timeZone;
    let month = localDateOf(deps.now(), zone).slice(0, 7);
    try {
      const shiftId = uuidParam.safeParse(typed.shiftId).data;
      const row = shiftId ? await shiftWithTerritory(db, shiftId) : undefined;
      if (!row || row.shift.serviceId !== found.service.id)
        throw badRequest('Choisissez une garde du service.');
      month = localDateOf(row.shift.startsAt, zone).slice(0, 7);
      const professionalId = uuidParam.safeParse(typed.professionalId).data;
      if (!professionalId) throw badRequest('Choisissez le remplaçant.');
      await createOverride(deps, req.actor!, {
        shiftId: row.shift.id,
        professionalId,
        startsAt: typed.from ? instantOf(typed.from, zone, 'Début') : row.shift.startsAt,
        endsAt: typed.to ? instantOf(typed.to, zone, 'Fin') : row.shift.endsAt,
      });
      res.redirect(303, `/rota/overrides?service=${found.service.id}&month=${month}&done=created`);
    } catch (err) {
      const refusal = refusalOf(err);
      if (!refusal) throw err;
      await render(req, res, { service: found.service.id, month }, typed, refusal);
    }
  });

  /** The override, if the actor manages its territory (404 unknown or another's, 403 read-only). */
  async function managedOverride(req: Request) {
    const id = uuidParam.safeParse(req.params.id).data;
    const row = id ? await overrideById(db, id) : undefined;
    if (!row || !canReadTerritory(req.actor!, row.territoryId)) throw notFound('Remplacement');
    if (!canManageTerritory(req.actor!, row.territoryId)) throw forbidden();
    const found = await serviceWithTerritory(db, row.serviceId);
    return { row, zone: found!.territory.timeZone };
  }

  router.get('/rota/overrides/:id/cancel', async (req, res) => {
    const { row, zone } = await managedOverride(req);
    const fmt = frenchInstant(zone);
    const csrf = csrfToken(req);
    const back = `/rota/overrides?service=${row.serviceId}&month=${localDateOf(row.startsAt, zone).slice(0, 7)}`;
    const body = html`<form class="card mw-36" method="post" action="/rota/overrides/${row.id}/cancel"><input type="hidden" name="_csrf" value="${csrf}">
<p>Annuler le remplacement de <strong>${row.replacedName ?? 'la garde à pourvoir'}</strong> par <strong>${row.replacingName}</strong>, du ${fmt(row.startsAt)} au ${fmt(row.endsAt)} ?</p>
<p>${row.replacedName ?? 'Personne'} reprendra les appels de cette période.</p>
<p class="row"><button type="submit">Confirmer l'annulation</button><a class="button secondary" href="${back}">Garder le remplacement</a></p></form>`;
    res.type('html').send(page('Annuler un remplacement', req.actor, body, csrf));
  });

  router.post('/rota/overrides/:id/cancel', form, requireCsrf, async (req, res) => {
    const { row, zone } = await managedOverride(req);
    await cancelOverride(deps, req.actor!, row.id);
    const month = localDateOf(row.startsAt, zone).slice(0, 7);
    res.redirect(303, `/rota/overrides?service=${row.serviceId}&month=${month}&done=cancelled`);
  });
  return router;
}
