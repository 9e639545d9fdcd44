import express, { Router } from 'express';
import { addDays, localDateOf } from '../../../rota/calendar/local-date.js';
import { csrfToken, requireCsrf } from '../../access/middleware.js';
import { acceptAutoFill, managedService } from '../auto-fill/commands.js';
import { assignmentsOf, defaultLimits, proposeForService } from '../auto-fill/proposal.js';
import { cancelShift, createShift } from '../shifts/commands.js';
import { shiftAddFormBody, shiftId } from '../shifts/schema.js';
import { shiftWithTerritory } from '../shifts/store.js';
import type { AppDeps } from '../../platform/deps.js';
import { localDateRange } from '../../platform/params.js';
import { autoFillMaxDays } from '../auto-fill/routes.js';
import { badRequest, HttpError, notFound } from '../../platform/http-errors.js';
import { refusalOf } from '../../web/form-refusal.js';
import { html } from '../../web/html.js';
import { page } from '../../web/layout.js';
import { cancelConfirmPage } from './cancel-page.js';
import { csvPages } from './csv-pages.js';
import { membersOf } from './feed-load.js';
import { renderRota } from './rota-page.js';

const form = express.urlencoded({ extended: false });
const dateParam = (v: unknown, fallback: string) =>
  typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : fallback;

/** A link (GET) proposes at most two months; the form (POST) up to `autoFillMaxDays`. */
const linkMaxDays = 62;

/**
 * The auto-fill range of the page and its form: a month from today by default, and the API's
 * bounds (real dates, at most six months: 400 beyond), whether it comes from a link or a form.
 */
function autoFillRange(q: Record<string, unknown>, today: string) {
  const from = typeof q.from === 'string' && q.from ? q.from : today;
  const to = typeof q.to === 'string' && q.to ? q.to : addDays(from, 30);
  return localDateRange(autoFillMaxDays).parse({ from, to });
}

/** Rota edits from the web: add a shift, cancel one, review and accept an auto-fill proposal. */
export function rotaEdit(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.db;
  const managed = (req: express.Request, serviceId: string) => {
    if (!shiftId.safeParse(serviceId).success) throw notFound('Service');
    return managedService(deps, req.actor!, serviceId);
  };
  const back = (serviceId: string, date: string) =>
    `/rota?service=${serviceId}&month=${date.slice(0, 7)}`;

  router.post('/rota/shifts', form, requireCsrf, async (req, res) => {
    const b = req.body as Record<string, string>;
    const { service } = await managed(req, String(b.serviceId ?? ''));
    const date = dateParam(b.date, '');
    try {
      const { professionalId, level, ...time } = shiftAddFormBody.parse(b);
      await createShift(deps, req.actor!, {
        serviceId: service.id,
        professionalId,
        level,
        time,
      });
      res.redirect(303, back(service.id, date || localDateOf(deps.now(), 'Europe/Paris')));
    } catch (err) {
      const refusal = refusalOf(err);
      if (!refusal) throw err;
      // The rota page again, its form open with what was typed and the reason in French.
      const typed = (k: string) => String(b[k] ?? '');
      await renderRota(
        deps,
        req,
        res,
        { service: service.id, ...(date ? { month: date.slice(0, 7) } : {}) },
        {
          refusal,
          add: {
            date: typed('date'),
            start: typed('start'),
            end: typed('end'),
            level: typed('level'),
            professionalId: typed('professionalId'),
          },
        },
      );
    }
  });

  router.post('/rota/shifts/:id/cancel', form, requireCsrf, async (req, res) => {
    const id = shiftId.safeParse(req.params.id).data;
    const row = id ? await shiftWithTerritory(db, id) : undefined;
    if (!row) throw new HttpError(404, 'not_found', 'Garde introuvable');
    await cancelShift(deps, req.actor!, row.shift.id);
    res.redirect(
      303,
      back(row.shift.serviceId, localDateOf(row.shift.startsAt, row.territory.timeZone)),
    );
  });

  /** The proposal for review; computed on current data each time (the engine is deterministic). */
  async function proposalPage(req: express.Request, res: express.Response, q: object) {
    const fields = q as Record<string, unknown>;
    const { service, territory } = await managed(req, String(fields.service ?? ''));
    const { from, to } = autoFillRange(fields, localDateOf(deps.now(), territory.timeZone));
    if (req.method === 'GET' && Date.parse(to) - Date.parse(from) > linkMaxDays * 86_400_000)
      throw badRequest(
        `Par un lien, ${linkMaxDays} jours au plus : utilisez le formulaire. By link, ${linkMaxDays} days at most: use the form.`,
      );
    const proposal = await proposeForService(db, service, territory, from, to, defaultLimits);
    const names = new Map((await membersOf(db, service.id)).map((p) => [p.id, p.name]));
    const fmt = (d: Date) =>
      new Intl.DateTimeFormat('fr-FR', {
        timeZone: territory.timeZone,
        weekday: 'short',
        day: 'numeric',
        month: 'short',
        hour: '2-digit',
        minute: '2-digit',
      }).format(d);
    const csrf = csrfToken(req);
    const rows = assignmentsOf(proposal);
    const body = html`<form class="row" method="post" action="/rota/auto-fill/preview"><input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="service" value="${service.id}">
<div><label for="from">Du</label><input id="from" type="date" name="from" value="${from}"></div><div><label for="to">Au</label><input id="to" type="date" name="to" value="${to}"></div><button type="submit">Proposer</button></form>
<p>${rows.length} garde(s) proposée(s), ${proposal.unfilled.length} sans candidat (repos de 11 h, 6 gardes par mois au plus, congés respectés).</p>
<table><thead><tr><th>Début</th><th>Fin</th><th>Niveau</th><th>Proposé</th></tr></thead><tbody>${rows.map((a) => html`<tr><td>${fmt(a.startsAt)}</td><td>${fmt(a.endsAt)}</td><td>${a.level}</td><td>${names.get(a.professionalId) ?? '?'}</td></tr>`)}</tbody></table>
${rows.length ? html`<form method="post" action="/rota/auto-fill"><input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="service" value="${service.id}"><input type="hidden" name="from" value="${from}"><input type="hidden" name="to" value="${to}"><p><button type="submit">Accepter la proposition</button></p></form>` : ''}`;
    res.type('html').send(page(`Remplissage automatique · ${service.name}`, req.actor, body, csrf));
  }

  // The rota page links a month here (GET); longer ranges, up to six months, go through the
  // form's POST: a heavy computation is not something a link, a prefetch or a crawler starts.
  router.get('/rota/auto-fill', (req, res) => proposalPage(req, res, req.query));
  router.post('/rota/auto-fill/preview', form, requireCsrf, (req, res) =>
    proposalPage(req, res, req.body as object),
  );

  router.post('/rota/auto-fill', form, requireCsrf, async (req, res) => {
    const b = req.body as Record<string, string>;
    const { service, territory } = await managed(req, String(b.service ?? ''));
    const { from, to } = autoFillRange(b, localDateOf(deps.now(), territory.timeZone));
    // The engine is deterministic: the proposal accepted is the one reviewed, recomputed on current data.
    await acceptAutoFill(deps, req.actor!, service.id, { from, to, limits: defaultLimits });
    res.redirect(303, back(service.id, from));
  });
  router.use(cancelConfirmPage(deps), csvPages(deps));
  return router;
}
