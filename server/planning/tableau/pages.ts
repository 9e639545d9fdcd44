import express, { Router, type Response } from 'express';
import { addDays, localDateOf } from '../../../rota/calendar/local-date.js';
import { addMonths, changesSince, sendingStatus } from '../../../rota/tableau.js';
import { canManageTerritory } from '../../access/actor.js';
import { csrfToken, requireCsrf } from '../../access/middleware.js';
import type { AppDeps } from '../../platform/deps.js';
import { conflict, forbidden } from '../../platform/http-errors.js';
import { html } from '../../web/html.js';
import { page, scrollingTable } from '../../web/layout.js';
import { addTableauPeriod, markTableauSent } from './commands.js';
import { realisedCsv, tableauCsv } from './csv.js';
import { loadRealised, loadTableau, tableauService, type ManagedService } from './load.js';
import { realisedPdf, tableauPdf } from './pdf.js';
import { fileStem } from './present.js';
import { sentMark, tableauSpan } from './schema.js';
import { periodsOfServices, servicesWithTerritories } from './store.js';
import { periodRow, warningOf, type PeriodLine } from './view.js';

const sectorOf = (s: ManagedService) => ({ territory: s.territory.name, service: s.service.name });

/** The first day of the next quarter: where a new tableau usually starts. */
const nextQuarter = (today: string) => {
  const month = Number(today.slice(5, 7));
  return addMonths(
    `${today.slice(0, 4)}-${String(month - ((month - 1) % 3)).padStart(2, '0')}-01`,
    3,
  );
};

/**
 * The tableau de garde (R6315-2) for managers: periods of at least three months, the 45-day
 * warning, "marqué envoyé le …" and the changes since, the tableau and the réalisé as PDF and CSV.
 */
export function tableauPages(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.db;
  const managersOnly: express.RequestHandler = (req, _res, next) =>
    next(req.actor!.role === 'professional' ? forbidden() : undefined);

  router.get('/tableau', managersOnly, async (req, res) => {
    const actor = req.actor!;
    const sectors = (await servicesWithTerritories(db, actor)).filter((s) =>
      canManageTerritory(actor, s.territory.id),
    );
    const byService = new Map(sectors.map((s) => [s.service.id, s]));
    const periods = await periodsOfServices(db, [...byService.keys()]);
    const lines: PeriodLine[] = [];
    for (const period of periods) {
      const sector = byService.get(period.serviceId)!;
      const today = localDateOf(deps.now(), sector.territory.timeZone);
      const status = sendingStatus(period, today);
      const changes = period.snapshot
        ? changesSince(
            period.snapshot,
            (await loadTableau(db, sector, period.startsOn, period.endsOn)).slots,
          )
        : null;
      lines.push({ period, ...sectorOf(sector), status, changes });
    }
    const today = localDateOf(deps.now(), sectors[0]?.territory.timeZone ?? 'Europe/Paris');
    const csrf = csrfToken(req);
    const warnings = lines.map(warningOf).filter((w) => w !== null);
    const du = nextQuarter(today);
    // The tableau is the doctors': their service comes chosen.
    const doctors = sectors.find((s) => s.service.kind === 'doctor');
    const body = html`${
      warnings.length
        ? html`<div class="card" role="alert"><p class="error"><strong>À envoyer au conseil départemental de l'Ordre</strong></p><ul class="tableau-warnings">${warnings}</ul></div>`
        : html`<p class="muted">Aucun tableau en retard d'envoi au conseil départemental de l'Ordre.</p>`
    }
${scrollingTable(
  'Périodes envoyées ou à envoyer',
  html`<table><thead><tr><th>Secteur</th><th>Période</th><th>Envoi à l'Ordre</th><th>Changements depuis l'envoi</th><th>Documents</th><th>Envoi</th></tr></thead><tbody>
${lines.map((l) => periodRow(l, csrf, today))}</tbody></table>`,
)}${lines.length ? '' : html`<p>Aucune période de tableau de garde.</p>`}
<details class="card" ${lines.length ? '' : 'open'}><summary>Nouvelle période</summary><form class="row" method="post" action="/tableau/periodes"><input type="hidden" name="_csrf" value="${csrf}">
<div><label for="t-service">Secteur</label><select id="t-service" name="service">${sectors.map((s) => html`<option value="${s.service.id}" ${s.service.id === doctors?.service.id ? 'selected' : ''}>${s.territory.name} · ${s.service.name}</option>`)}</select></div>
<div><label for="t-du">Du</label><input id="t-du" type="date" name="du" required value="${du}"></div>
<div><label for="t-au">Au</label><input id="t-au" type="date" name="au" required value="${addDays(addMonths(du, 3), -1)}"></div>
<button type="submit">Ajouter</button></form><p class="muted">Trois mois au moins (article R6315-2 du Code de la santé publique), à envoyer 45 jours avant le début.</p></details>`;
    res.type('html').send(page('Tableau de garde', actor, body, csrf));
  });

  const form = [express.urlencoded({ extended: false }), requireCsrf];
  router.post('/tableau/periodes', ...form, async (req, res) => {
    await addTableauPeriod(db, req.actor!, tableauSpan.parse(req.body ?? {}));
    res.redirect(303, '/tableau');
  });
  router.post('/tableau/envoye', ...form, async (req, res) => {
    const mark = sentMark.parse(req.body ?? {});
    await markTableauSent(db, req.actor!, mark, mark.envoyeLe);
    res.redirect(303, '/tableau');
  });

  const csv = (res: Response, name: string, body: string) =>
    res.type('text/csv; charset=utf-8').attachment(name).send(body);
  const pdf = (res: Response, name: string, body: Buffer) =>
    res.type('application/pdf').attachment(name).send(body);

  for (const format of ['pdf', 'csv'] as const) {
    router.get(`/tableau/tableau.${format}`, async (req, res) => {
      const span = tableauSpan.parse(req.query);
      const sector = await tableauService(db, req.actor!, span.service);
      const t = await loadTableau(db, sector, span.du, span.au);
      const stem = fileStem('tableau-de-garde', sector.service.name, span.du, span.au);
      if (format === 'csv')
        return void csv(res, `${stem}.csv`, tableauCsv(sectorOf(sector), t.slots));
      const sentOn = t.period?.sentOn ?? null;
      pdf(
        res,
        `${stem}.pdf`,
        await tableauPdf(sectorOf(sector), { ...span, sentOn }, t.slots, deps.now()),
      );
    });

    router.get(`/tableau/realise.${format}`, async (req, res) => {
      const span = tableauSpan.parse(req.query);
      const sector = await tableauService(db, req.actor!, span.service);
      if (localDateOf(deps.now(), sector.territory.timeZone) <= span.au)
        throw conflict(
          "La période n'est pas terminée : le réalisé se fait après son dernier jour.",
        );
      const { rows } = await loadRealised(db, sector, span.du, span.au);
      const stem = fileStem('gardes-realisees', sector.service.name, span.du, span.au);
      if (format === 'csv')
        return void csv(res, `${stem}.csv`, realisedCsv(sectorOf(sector), rows));
      pdf(res, `${stem}.pdf`, await realisedPdf(sectorOf(sector), span, rows, deps.now()));
    });
  }
  return router;
}
