import express, { Router, type Request, type Response } from 'express';
import { csrfToken, requireCsrf } from '../../access/middleware.js';
import type { AppDeps } from '../../platform/deps.js';
import { uuidParam } from '../../platform/params.js';
import { refusalOf, type Refusal } from '../../web/form-refusal.js';
import { html } from '../../web/html.js';
import { hiddenHeader, page, scrollingTable } from '../../web/layout.js';
import { markConsultation } from './commands.js';
import { eveningsFor, type ServiceEvening, type StatusCounts } from './evening.js';
import { consultationOutcome, dayQuery } from './schema.js';
import { frenchTime, offsetName } from './when.js';

const form = express.urlencoded({ extended: false });
const statusLabel = {
  booked: 'attendu',
  honoured: 'venu',
  no_show: 'absent',
  cancelled: 'annulé par le patient',
} as const;

const totalsLine = (c: StatusCounts) =>
  html`<p data-testid="totals">${c.booked} attendu(s) · ${c.honoured} venu(s) · <strong>${c.no_show} absent(s)</strong> · ${c.cancelled} annulé(s)</p>`;

/** The doctor's list: each patient's time and number (to call a late one), and the two marks. */
function doctorList(e: ServiceEvening, csrf: string, back: string) {
  const time = (d: Date) => `${frenchTime(d, e.zone)} (${offsetName(d, e.zone)})`;
  return scrollingTable(
    `Rendez-vous · ${e.service.name}`,
    html`<table data-testid="bookings"><thead><tr><th scope="col">Heure</th><th scope="col">Patient</th><th scope="col">État</th>${hiddenHeader('Marquer')}</tr></thead><tbody>
${e.bookings!.map(
  (b) =>
    html`<tr data-booking="${b.id}" data-status="${b.status}"><td>${time(b.slotStartsAt)}</td><td><a href="tel:${b.patientNumber}">${b.patientNumber}</a></td><td>${statusLabel[b.status]}</td><td>${
      b.status === 'cancelled'
        ? ''
        : html`<form method="post" action="/consultations/${b.id}/honoured" class="inline"><input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="back" value="${back}"><button type="submit">Venu</button></form><form method="post" action="/consultations/${b.id}/no_show" class="inline"><input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="back" value="${back}"><button type="submit" class="secondary">Absent</button></form>`
    }</td></tr>`,
)}</tbody></table>`,
  );
}

/** The managers' view: counts per slot, no patient number. */
function countsTable(e: ServiceEvening) {
  return scrollingTable(
    `Créneaux · ${e.service.name}`,
    html`<table data-testid="slot-counts"><thead><tr><th scope="col">Heure</th><th scope="col">Attendus</th><th scope="col">Venus</th><th scope="col">Absents</th><th scope="col">Annulés</th></tr></thead><tbody>
${e.perSlot.map((s) => html`<tr><td>${frenchTime(s.startsAt, e.zone)} (${offsetName(s.startsAt, e.zone)})</td><td>${s.counts.booked}</td><td>${s.counts.honoured}</td><td>${s.counts.no_show}</td><td>${s.counts.cancelled}</td></tr>`)}
</tbody></table>`,
  );
}

/**
 * GET /consultations: the evening's consultations at the MMG. The doctor at the MMG that day sees
 * each booking with the patient's number and marks it honoured or no-show (markConsultation, the
 * command of POST /api/consultations/:id/outcome); the territory's managers see counts only.
 */
export function eveningPages(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.db;

  async function render(req: Request, res: Response, query: unknown, refusal?: Refusal) {
    const { jour } = dayQuery.parse(query ?? {});
    const { day, evenings } = await eveningsFor(db, req.actor!, deps.now(), jour);
    const csrf = csrfToken(req);
    const back = `/consultations?jour=${day}`;
    const body = html`<form class="row" method="get" action="/consultations"><div><label for="jour">Soirée du</label><input id="jour" name="jour" type="date" value="${day}"></div><button type="submit">Voir</button></form>
${refusal ? html`<p class="error" role="alert" data-testid="form-error">${refusal.message}</p>` : ''}
${evenings.length === 0 ? html`<p data-testid="nothing">Aucune consultation à la maison médicale de garde à afficher pour cette soirée.</p>` : ''}
${evenings.map(
  (e) =>
    html`<section class="card" data-service="${e.service.id}"><h2>${e.service.name}</h2><p class="muted">${e.service.place ?? e.territoryName}</p>${totalsLine(e.totals)}
${e.bookings ? (e.bookings.length ? doctorList(e, csrf, back) : html`<p>Aucun rendez-vous.</p>`) : countsTable(e)}</section>`,
)}`;
    res
      .status(refusal?.status ?? 200)
      .type('html')
      .send(page('Consultations de la soirée', req.actor, body, csrf));
  }

  router.get('/consultations', (req, res) => render(req, res, req.query));

  router.post('/consultations/:id/:outcome', form, requireCsrf, async (req, res) => {
    const id = uuidParam.parse(req.params.id);
    const outcome = consultationOutcome.parse(req.params.outcome);
    const back = String((req.body ?? {}).back ?? '');
    const jour = /^\/consultations\?jour=(\d{4}-\d{2}-\d{2})$/.exec(back)?.[1];
    try {
      await markConsultation(deps, req.actor!, id, outcome);
      res.redirect(303, jour ? `/consultations?jour=${jour}` : '/consultations');
    } catch (err) {
      const refusal = refusalOf(err);
      if (!refusal) throw err;
      await render(req, res, jour ? { jour } : {}, refusal);
    }
  });
  return router;
}
