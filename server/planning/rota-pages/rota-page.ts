import { Router } from 'express';
import { z } from 'zod';
import { addDays, localDateOf } from '../../../rota/calendar/local-date.js';
import { wallClockToInstant } from '../../../rota/local-time.js';
import { canManageTerritory } from '../../access/actor.js';
import { csrfToken } from '../../access/middleware.js';
import type { AppDeps } from '../../platform/deps.js';
import { localDate } from '../../platform/params.js';
import { fullCalendarAsset, ownAsset } from '../../web/assets.js';
import { html } from '../../web/html.js';
import { page } from '../../web/layout.js';
import { rotaFeedEvents, isoInZone } from './feed-events.js';
import { loadRotaFeed, membersOf, visibleServices } from './feed-load.js';
import { rotaListView } from './list-view.js';

// Bad or missing query values fall back to defaults: a stale bookmark still opens the rota.
const lenient = (re: RegExp) => z.string().regex(re).optional().catch(undefined);
// A day that does not exist (2026-02-30) or is out of the calendar's years is dropped the same way.
const lenientDay = localDate.optional().catch(undefined);
const rotaQuery = z.object({
  service: z.string().optional().catch(undefined),
  month: z
    .string()
    .regex(/^\d{4}-\d{2}$/)
    .refine((m) => localDate.safeParse(`${m}-01`).success)
    .optional()
    .catch(undefined),
  week: lenientDay,
  date: lenientDay,
  view: z.enum(['month', 'week', 'list']).optional().catch(undefined),
  add: lenientDay,
  start: lenient(/^([01]\d|2[0-3]):[0-5]\d$/),
  end: lenient(/^([01]\d|2[0-3]):[0-5]\d$/),
});

const head = html`<link rel="stylesheet" href="${fullCalendarAsset('skeleton.css')}"><link rel="stylesheet" href="${fullCalendarAsset('themes/classic/theme.css')}"><link rel="stylesheet" href="${fullCalendarAsset('themes/classic/palette.css')}">
<script defer src="${fullCalendarAsset('all/global.js')}"></script><script defer src="${fullCalendarAsset('locales/fr/global.js')}"></script><script defer src="${fullCalendarAsset('themes/classic/global.js')}"></script><script defer src="${ownAsset('rota-calendar.js')}"></script>`;

/**
 * GET /rota: a service's rota in FullCalendar (month, week, list), fed by /rota/feed; shifts link to
 * their edit page. Without JavaScript, the "Vue liste" table of the month shows the same events.
 */
export function rotaPage(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.db;
  router.get('/rota', async (req, res) => {
    const actor = req.actor!;
    const q = rotaQuery.parse(req.query);
    const visible = await visibleServices(db, actor);
    const chosen =
      visible.find((v) => v.service.id === q.service) ??
      visible.find((v) => v.service.kind === 'doctor') ??
      visible[0];
    const csrf = csrfToken(req);
    if (!chosen)
      return void res.type('html').send(page('Planning', actor, html`<p>Aucun service.</p>`, csrf));
    const { service, territory } = chosen;
    const zone = territory.timeZone;
    const today = localDateOf(deps.now(), zone);
    const date = q.add ?? q.date ?? q.week ?? (q.month ? `${q.month}-01` : today);
    const month = date.slice(0, 7);
    const first = `${month}-01`;
    const nextMonth = addDays(`${month}-28`, 7).slice(0, 7) + '-01';
    const manage = canManageTerritory(actor, territory.id);
    const list = q.view === 'list';
    const base = `/rota?service=${service.id}`;

    const toolbar = html`<form class="row" method="get" action="/rota">
  <div><label for="service">Service</label><select id="service" name="service">${visible.map((v) => html`<option value="${v.service.id}" ${v.service.id === service.id ? 'selected' : ''}>${v.territory.name} · ${v.service.name}</option>`)}</select></div>
  <div><label for="month">Mois</label><input id="month" name="month" type="month" value="${month}"></div>${list ? html`<input type="hidden" name="view" value="list">` : ''}<button type="submit">Afficher</button>
  ${
    list
      ? html`<a class="button" href="${base}&month=${addDays(first, -1).slice(0, 7)}&view=list">← Mois précédent</a><a class="button" href="${base}&month=${nextMonth.slice(0, 7)}&view=list">Mois suivant →</a><a class="button" href="${base}&month=${month}">Vue calendrier</a>`
      : html`<a class="button" href="${base}&month=${month}&view=list">Vue liste</a>`
  }
  ${manage ? html`<a class="button" href="${base}&add=${today}#ajouter" accesskey="n" aria-keyshortcuts="Alt+Shift+N" title="Raccourci clavier : Alt+Maj+N">Nouvelle garde</a>` : ''}
  ${manage ? html`<a class="button" href="/rota/auto-fill?service=${service.id}&from=${first}&to=${addDays(nextMonth, -1)}">Remplissage automatique…</a>` : ''}
</form>`;

    const members = manage ? await membersOf(db, service.id) : [];
    const addForm = manage
      ? html`<details class="card" id="ajouter" ${q.add ? 'open' : ''}><summary>Ajouter une garde</summary><form class="row" method="post" action="/rota/shifts">
  <input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="serviceId" value="${service.id}">
  <div><label for="n-date">Date</label><input id="n-date" type="date" name="date" required value="${q.add ?? first}"></div>
  <div><label for="n-start">Début</label><input id="n-start" type="time" name="start" required value="${q.start ?? '20:00'}"></div>
  <div><label for="n-end">Fin</label><input id="n-end" type="time" name="end" required value="${q.end ?? '08:00'}"></div>
  <div><label for="n-level">Niveau</label><input class="w-4" id="n-level" type="number" name="level" min="1" max="9" value="1"></div>
  <div><label for="n-pro">Professionnel</label><select id="n-pro" name="professionalId"><option value="">(à pourvoir)</option>${members.map((m) => html`<option value="${m.id}">${m.name}</option>`)}</select></div>
  <button type="submit">Ajouter</button></form></details>`
      : '';
    const legend = html`<p class="muted">Niveau 1 en bleu, niveau 2 en violet, niveau 3 en vert ; <span class="error">en rouge, les gardes à pourvoir et les trous de garde</span> ; jours fériés et ponts en fond ocre.${manage ? ' Glissez une garde pour la déplacer, ou sélectionnez une plage vide pour en ajouter une.' : ''}</p>`;

    if (list) {
      const feed = rotaFeedEvents(
        await loadRotaFeed(
          db,
          actor,
          chosen,
          {
            start: wallClockToInstant(first, '00:00', zone),
            end: wallClockToInstant(nextMonth, '00:00', zone),
          },
          deps.now(),
        ),
      );
      return void res
        .type('html')
        .send(
          page(
            `Planning · ${service.name}`,
            actor,
            html`${toolbar}${addForm}${legend}${rotaListView(feed, zone, month)}`,
            csrf,
          ),
        );
    }
    const calendar = html`<div id="rota-calendar" data-feed="/rota/feed?service=${service.id}" data-zone="${zone}" data-now="${isoInZone(deps.now(), zone)}"
  data-initial-date="${date}" data-initial-view="${q.week || q.view === 'week' ? 'timeGridWeek' : 'dayGridMonth'}" data-editable="${manage ? 'true' : 'false'}" data-csrf="${csrf}"></div>
<noscript><p class="error">Le calendrier demande JavaScript : <a href="${base}&month=${month}&view=list">consultez la vue liste du mois</a>.</p></noscript>`;
    const body = html`${toolbar}${legend}<p id="rota-status" role="status" aria-live="polite" class="muted"></p>${calendar}${addForm}`;
    res.type('html').send(page(`Planning · ${service.name}`, actor, body, csrf, head));
  });
  return router;
}
