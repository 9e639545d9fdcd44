import { Router, type Request, type Response } from 'express';
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
import { addShiftForm, csvForms, rotaLegend, type AddFormValues } from './rota-forms.js';
import { planningLinks } from '../planning-nav.js';

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
  level: lenient(/^[1-9]$/),
});

const head = html`<link rel="stylesheet" href="${fullCalendarAsset('skeleton.css')}"><link rel="stylesheet" href="${fullCalendarAsset('themes/classic/theme.css')}"><link rel="stylesheet" href="${fullCalendarAsset('themes/classic/palette.css')}">
<script defer src="${fullCalendarAsset('all/global.js')}"></script><script defer src="${fullCalendarAsset('locales/fr/global.js')}"></script><script defer src="${fullCalendarAsset('themes/classic/global.js')}"></script><script defer src="${ownAsset('rota-calendar.js')}"></script>`;

/** What a POST that failed brings back to the page: the typed add form and why it was refused. */
export interface RotaPageExtras {
  add?: AddFormValues;
  refusal?: { status: number; message: string };
}

/**
 * The rota page of the service and month the query names (service, month, week, date, view, add):
 * GET /rota, and the answer of a refused "Ajouter une garde", which keeps the form as typed.
 */
export async function renderRota(
  deps: AppDeps,
  req: Request,
  res: Response,
  query: unknown,
  extras: RotaPageExtras = {},
): Promise<void> {
  const db = deps.db.db;
  const actor = req.actor!;
  const q = rotaQuery.parse(query);
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
      : html`<a class="button" id="rota-list-link" data-base="${base}" href="${base}&month=${month}&view=list">Vue liste</a>`
  }
  ${manage ? html`<a class="button" href="${base}&add=${today}#ajouter" accesskey="n" aria-keyshortcuts="Alt+Shift+N" title="Raccourci clavier : Alt+Maj+N">Nouvelle garde</a>` : ''}
  ${manage ? html`<a class="button" id="rota-print" data-base="/rota/imprimer?service=${service.id}" href="/rota/imprimer?service=${service.id}&mois=${month}">Imprimer le mois</a>` : ''}
  ${manage ? html`<a class="button" id="rota-auto-fill" data-base="/rota/auto-fill?service=${service.id}" href="/rota/auto-fill?service=${service.id}&from=${first}&to=${addDays(nextMonth, -1)}">Remplissage automatique…</a>` : ''}
</form>${manage ? planningLinks() : ''}`;

  const members = manage ? await membersOf(db, service.id) : [];
  const addForm = manage
    ? addShiftForm({
        serviceId: service.id,
        csrf,
        members,
        open: !!q.add,
        refusal: extras.refusal?.message,
        values: extras.add ?? {
          date: q.add ?? first,
          start: q.start ?? '20:00',
          end: q.end ?? '08:00',
          level: q.level ?? '1',
          professionalId: '',
        },
      })
    : '';
  const csv = manage ? csvForms({ serviceId: service.id, csrf, month }) : '';
  const legend = rotaLegend(manage, !!actor.professionalId);
  const status = extras.refusal?.status ?? 200;

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
      .status(status)
      .type('html')
      .send(
        page(
          `Planning · ${service.name}`,
          actor,
          html`${toolbar}${addForm}${legend}${rotaListView(feed, zone, month)}${csv}`,
          csrf,
        ),
      );
  }
  const calendar = html`<div id="rota-calendar" data-feed="/rota/feed?service=${service.id}" data-zone="${zone}" data-now="${isoInZone(deps.now(), zone)}"
  data-initial-date="${date}" data-initial-view="${q.week || q.view === 'week' ? 'timeGridWeek' : 'dayGridMonth'}" data-editable="${manage ? 'true' : 'false'}" data-csrf="${csrf}"></div>
<noscript><p class="error">Le calendrier demande JavaScript : <a href="${base}&month=${month}&view=list">consultez la vue liste du mois</a>.</p></noscript>`;
  const body = html`${toolbar}${legend}<p id="rota-status" role="status" aria-live="polite" class="muted"></p>${calendar}${addForm}${csv}`;
  res
    .status(status)
    .type('html')
    .send(page(`Planning · ${service.name}`, actor, body, csrf, head));
}

/**
 * GET /rota: a service's rota in FullCalendar (month, week, list), fed by /rota/feed; shifts link to
 * their edit page. Without JavaScript, the "Vue liste" table of the month shows the same events.
 */
export function rotaPage(deps: AppDeps): Router {
  const router = Router();
  router.get('/rota', (req, res) => renderRota(deps, req, res, req.query));
  return router;
}
