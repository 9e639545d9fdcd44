import { Router, type Request, type Response } from 'express';
import { localDateOf } from '../../../rota/calendar/local-date.js';
import { addMonths } from '../../../rota/tableau.js';
import { canManageTerritory } from '../../access/actor.js';
import { dashboardTerritories } from '../../dashboard/store.js';
import type { AppDeps } from '../../platform/deps.js';
import { forbidden } from '../../platform/http-errors.js';
import { html } from '../../web/html.js';
import { page, scrollingTable } from '../../web/layout.js';
import { activityRows } from './activity.js';
import { frenchMonth } from '../../web/french-month.js';
import { activityCsv, activityPdf, reportFileStem } from './documents.js';
import { loadActivityReport } from './load.js';
import { reportFileQuery, reportPageQuery } from './schema.js';

/**
 * The monthly activity report for the ARS (calls, regulation, decisions, consultations, wait,
 * callbacks), per territory, for its managers: on the page, as CSV and as PDF.
 */
export function activityReportPages(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.db;

  router.get('/reports/activity', async (req, res) => {
    const actor = req.actor!;
    if (actor.role === 'professional') throw forbidden();
    const managed = (await dashboardTerritories(db, actor)).filter((t) =>
      canManageTerritory(actor, t.id),
    );
    const q = reportPageQuery.parse(req.query);
    const territory = managed.find((t) => t.id === q.territory) ?? managed[0];
    // The month just ended is the one a report is usually sent for.
    const month =
      q.month ??
      addMonths(`${localDateOf(deps.now(), territory?.timeZone ?? 'Europe/Paris')}`, -1).slice(
        0,
        7,
      );
    const report = territory ? await loadActivityReport(db, territory.id, month, deps.now()) : null;
    const files = territory ? `territory=${territory.id}&month=${month}` : '';
    res.type('html').send(
      page(
        "Rapport d'activité (ARS)",
        actor,
        html`<form class="row" method="get" action="/reports/activity">
<div><label for="r-territory">Territoire</label><select id="r-territory" name="territory">${managed.map((t) => html`<option value="${t.id}" ${t.id === territory?.id ? 'selected' : ''}>${t.name}</option>`)}</select></div>
<div><label for="r-month">Mois</label><input id="r-month" type="month" name="month" required value="${month}"></div>
<button type="submit">Afficher</button></form>
${
  report
    ? html`${scrollingTable(
        `Activité de ${report.territory.name}, ${frenchMonth(month)}`,
        html`<table><thead><tr><th>Indicateur</th><th>Valeur</th></tr></thead><tbody>
${activityRows(report.activity).map(([label, value]) => html`<tr><td>${label}</td><td>${value}</td></tr>`)}</tbody></table>`,
      )}
<p><a class="button" href="/reports/activity.pdf?${files}">Télécharger le PDF</a> <a class="button" href="/reports/activity.csv?${files}">Télécharger le CSV</a></p>
<p class="muted">Appels régulés : pris par un médecin régulateur (appui sur une touche). Attente : du choix de l'appelant à la prise par le régulateur. Décisions : fiches de régulation remplies.</p>`
    : html`<p>Aucun territoire que vous gérez.</p>`
}`,
      ),
    );
  });

  const download = async (req: Request) => {
    const actor = req.actor!;
    const q = reportFileQuery.parse(req.query);
    if (!canManageTerritory(actor, q.territory)) throw forbidden();
    return loadActivityReport(db, q.territory, q.month, deps.now());
  };
  const send = (res: Response, type: string, name: string, body: string | Buffer) =>
    res.type(type).attachment(name).send(body);
  router.get('/reports/activity.csv', async (req, res) => {
    const report = await download(req);
    send(res, 'text/csv; charset=utf-8', `${reportFileStem(report)}.csv`, activityCsv(report));
  });
  router.get('/reports/activity.pdf', async (req, res) => {
    const report = await download(req);
    send(
      res,
      'application/pdf',
      `${reportFileStem(report)}.pdf`,
      await activityPdf(report, deps.now()),
    );
  });
  return router;
}
