import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import express, { Router } from 'express';
import { csrfToken, requireCsrf } from '../access/middleware.js';
import { specialtyLabel } from '../directory/national/codes.js';
import type { AppDeps } from '../platform/deps.js';
import { html } from '../web/html.js';
import { hiddenHeader, page, scrollingTable } from '../web/layout.js';
import { markAvisAnswered } from './avis-commands.js';
import { idParam } from './schema.js';
import { avisRequestsReadableBy } from './listing-store.js';

const statusLabel = {
  open: 'à rappeler',
  overdue: 'en retard',
  answered: 'répondue',
  cancelled: 'annulée',
} as const;

/** Local time of the territories (every territory is in France). */
const when = (d: Date) => format(new TZDate(d.getTime(), 'Europe/Paris'), 'dd/MM/yyyy HH:mm');

/** /advice/requests: avis requests to the specialist or made by the GP; a manager's territories'. */
export function avisRequestsPage(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.db;
  router.get('/advice/requests', async (req, res) => {
    const actor = req.actor!;
    const csrf = csrfToken(req);
    const now = deps.now();
    const rows = await avisRequestsReadableBy(db, actor);
    const statusOf = (r: (typeof rows)[number]) =>
      r.status === 'open' && r.deadline < now ? 'overdue' : r.status;
    const body = html`<p><a href="/advice">Mes avis proposés</a></p>${scrollingTable(
      'Demandes d’avis',
      html`<table><caption class="muted">${rows.length} demande(s)</caption><thead><tr><th scope="col">Demandée le</th><th scope="col">Par</th><th scope="col">Rappeler au</th><th scope="col">Spécialité</th><th scope="col">Avant le</th><th scope="col">État</th>${hiddenHeader('Action')}</tr></thead><tbody>
${rows.map(
  (r) =>
    html`<tr class="${statusOf(r) === 'overdue' ? 'avis-overdue' : ''}"><td>${when(r.createdAt)}</td><td>${r.mine ? 'vous' : r.requester}</td><td>${r.requesterPhone ?? ''}</td><td>${specialtyLabel(r.specialtyCode)}</td><td>${when(r.deadline)}</td><td>${statusLabel[statusOf(r)]}</td><td>${
      statusOf(r) === 'open' || statusOf(r) === 'overdue'
        ? html`<form method="post" action="/advice/requests/${r.id}/answered"><input type="hidden" name="_csrf" value="${csrf}"><button type="submit">Marquer répondue</button></form>`
        : ''
    }</td></tr>`,
)}</tbody></table>`,
    )}`;
    res.type('html').send(page('Demandes d’avis', actor, body, csrf));
  });
  router.post(
    '/advice/requests/:id/answered',
    express.urlencoded({ extended: false }),
    requireCsrf,
    async (req, res) => {
      await markAvisAnswered(db, req.actor!, idParam.parse(req.params.id), deps.now());
      res.redirect(303, '/advice/requests');
    },
  );
  return router;
}
