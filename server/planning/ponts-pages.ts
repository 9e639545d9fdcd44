import express, { Router, type Request } from 'express';
import { z } from 'zod';
import { calendarYear } from '../../rota/calendar/calendar-year.js';
import { localDateOf } from '../../rota/calendar/local-date.js';
import { canManageTerritory } from '../access/actor.js';
import { csrfToken, requireCsrf } from '../access/middleware.js';
import type { AppDeps } from '../platform/deps.js';
import { forbidden } from '../platform/http-errors.js';
import { maxYear, minYear, uuidParam } from '../platform/params.js';
import { managedTerritory, removeCalendarDay, setCalendarDay } from '../territories/commands.js';
import { refusePont } from '../territories/pont-refusals.js';
import { calendarDay } from '../territories/schema.js';
import {
  confirmedDays,
  refusedPonts,
  territoriesReadableBy,
  territoryById,
} from '../territories/store.js';
import { html } from '../web/html.js';
import { page, scrollingTable } from '../web/layout.js';
import { planningLinks } from './planning-nav.js';

const form = express.urlencoded({ extended: false });
const yearParam = z.coerce.number().int().min(minYear).max(maxYear).optional().catch(undefined);
const decisionForm = z.object({
  territory: uuidParam,
  day: calendarDay,
  decision: z.enum(['confirm', 'refuse', 'withdraw'], { message: 'décision inconnue' }),
});
const statusLabels = { proposed: 'Proposé', confirmed: 'Confirmé', refused: 'Refusé' } as const;
const longDate = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'UTC',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const dayName = (day: string) => longDate.format(new Date(`${day}T12:00:00Z`));

/** The territories the actor manages and the one asked for; 403 for a professional. */
async function managedChoice(deps: AppDeps, req: Request, asked: unknown) {
  const actor = req.actor!;
  const managed = (await territoriesReadableBy(deps.db.db, actor)).filter((t) =>
    canManageTerritory(actor, t.id),
  );
  const chosen = managed.find((t) => t.id === asked) ?? managed[0];
  if (!chosen) throw forbidden('Réservé à la coordination du planning.');
  return { managed, territory: (await territoryById(deps.db.db, chosen.id))! };
}

/**
 * GET /rota/ponts: the year's ponts as GET /api/territories/:id/calendar lists them (proposed,
 * confirmed, refused), with Confirmer (setCalendarDay, the PUT …/calendar/:day door), Refuser
 * (refusePont, the PUT …/ponts/:day/refusal door) and, once confirmed, Annuler la confirmation
 * (removeCalendarDay, the DELETE …/calendar/:day door).
 */
export function pontsPages(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.db;

  router.get('/rota/ponts', async (req, res) => {
    const { managed, territory } = await managedChoice(deps, req, req.query.territory);
    const year =
      yearParam.parse(req.query.year) ??
      Number(localDateOf(deps.now(), territory.timeZone).slice(0, 4));
    const { alsaceMoselle, overseas } = territory.settings;
    const [confirmed, refused] = await Promise.all([
      confirmedDays(db, territory.id),
      refusedPonts(db, territory.id),
    ]);
    const { ponts } = calendarYear(year, { alsaceMoselle, overseas }, confirmed, refused);
    const csrf = csrfToken(req);
    const button = (day: string, decision: string, label: string, secondary = false) =>
      html`<form class="inline" method="post" action="/rota/ponts"><input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="territory" value="${territory.id}"><input type="hidden" name="day" value="${day}"><input type="hidden" name="decision" value="${decision}"><button ${secondary ? html`class="secondary"` : ''} type="submit" aria-label="${label} le pont du ${dayName(day)}">${label}</button></form>`;
    const base = `/rota/ponts?territory=${territory.id}`;
    const body = html`${planningLinks('ponts')}<form class="row" method="get" action="/rota/ponts">
${managed.length > 1 ? html`<div><label for="territory">Territoire</label><select id="territory" name="territory">${managed.map((t) => html`<option value="${t.id}" ${t.id === territory.id ? 'selected' : ''}>${t.name}</option>`)}</select></div>` : html`<input type="hidden" name="territory" value="${territory.id}">`}
<div><label for="year">Année</label><input class="w-6" id="year" name="year" type="number" min="${minYear}" max="${maxYear}" value="${year}"></div><button type="submit">Afficher</button>
<a class="button" href="${base}&year=${year - 1}">← ${year - 1}</a><a class="button" href="${base}&year=${year + 1}">${year + 1} →</a></form>
<p class="muted">Un pont confirmé est un jour de PDSA : le modèle de garde y applique ses créneaux « pont » (ou, à défaut, ceux des jours fériés).</p>
${scrollingTable(
  'Ponts',
  html`<table data-testid="ponts"><caption class="muted">Ponts ${year} · ${territory.name}</caption>
<thead><tr><th scope="col">Date</th><th scope="col">Motif</th><th scope="col">État</th><th scope="col">Décision</th></tr></thead><tbody>
${ponts.map(
  (
    p,
  ) => html`<tr data-pont="${p.date}" class="pont-${p.status}"><td>${dayName(p.date)}</td><td>${p.reason ?? 'confirmé hors proposition'}</td><td data-testid="status-${p.date}"><span class="pont-status">${statusLabels[p.status]}</span></td>
<td>${p.status === 'confirmed' ? button(p.date, 'withdraw', 'Annuler la confirmation', true) : html`${button(p.date, 'confirm', 'Confirmer')}${p.status === 'proposed' ? button(p.date, 'refuse', 'Refuser', true) : ''}`}</td></tr>`,
)}
</tbody></table>`,
)}`;
    res.type('html').send(page('Ponts', req.actor, body, csrf));
  });

  router.post('/rota/ponts', form, requireCsrf, async (req, res) => {
    const { territory: id, day, decision } = decisionForm.parse(req.body ?? {});
    const territory = await managedTerritory(db, req.actor!, id);
    if (decision === 'confirm')
      await setCalendarDay(db, req.actor!, territory.id, day, { kind: 'pont', note: null });
    else if (decision === 'refuse') await refusePont(db, req.actor!, territory.id, day);
    else await removeCalendarDay(db, req.actor!, territory.id, day);
    res.redirect(303, `/rota/ponts?territory=${territory.id}&year=${day.slice(0, 4)}`);
  });
  return router;
}
