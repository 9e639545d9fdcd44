import express, { Router, type Request, type Response } from 'express';
import { addDays } from '../../../rota/calendar/local-date.js';
import { decodeCsvBytes } from '../../../rota/csv.js';
import { wallClockToInstant } from '../../../rota/local-time.js';
import { csrfToken, requireCsrf } from '../../access/middleware.js';
import type { AppDeps } from '../../platform/deps.js';
import { badRequest } from '../../platform/http-errors.js';
import { uuidParam } from '../../platform/params.js';
import { html, type Html } from '../../web/html.js';
import { page } from '../../web/layout.js';
import { importShiftsCsv, ImportRefused, type ImportReport } from '../csv/commands.js';
import { managedService } from '../auto-fill/commands.js';
import { readableService } from '../service-access.js';
import { fileUpload } from './file-upload.js';

const outcomeFr = {
  created: 'créée',
  updated: 'modifiée',
  unchanged: 'inchangée',
  refused: 'refusée',
} as const;

/** The month of the query, or this one: YYYY-MM. */
const monthOf = (v: unknown) =>
  typeof v === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(v) ? v : undefined;

/** The report line by line, with the line of the file it speaks of. */
function reportTable(report: ImportReport, text: string): Html {
  const source = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const lines = [...report.lines].sort((a, b) => a.line - b.line);
  return html`<p data-testid="csv-counts">${report.created} créée(s), ${report.updated} modifiée(s), ${report.unchanged} inchangée(s), ${report.refused} refusée(s).</p>
<table aria-label="Aperçu de l’import"><thead><tr><th scope="col">Ligne</th><th scope="col">Contenu</th><th scope="col">Résultat</th></tr></thead><tbody>
${lines.map(
  (l) =>
    html`<tr data-outcome="${l.outcome}" ${l.outcome === 'refused' ? html`class="gap"` : ''}><td>${l.line}</td><td><code>${source[l.line - 1] ?? ''}</code></td><td>${outcomeFr[l.outcome]}${l.reason ? html` : ${l.reason.replace(/^ligne \d+ : /, '')}` : ''}</td></tr>`,
)}</tbody></table>`;
}

/**
 * The rota page's CSV: GET /rota/export.csv (the API's export of the month, by redirect),
 * POST /rota/csv/preview (the import run in a transaction rolled back: created / changed /
 * unchanged / refused per line) and POST /rota/csv/import ("Confirmer l'import": the same command).
 */
export function csvPages(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.db;

  router.get('/rota/export.csv', async (req, res) => {
    const { service, territory } = await readableService(db, req.actor!, req.query.service);
    const month = monthOf(req.query.month) ?? deps.now().toISOString().slice(0, 7);
    const next = addDays(`${month}-28`, 7).slice(0, 7) + '-01';
    const at = (day: string) => wallClockToInstant(day, '00:00', territory.timeZone).toISOString();
    const query = new URLSearchParams({ from: at(`${month}-01`), to: at(next) });
    res.redirect(303, `/api/services/${service.id}/shifts.csv?${query}`);
  });

  async function answer(
    req: Request,
    res: Response,
    serviceId: string,
    bytes: Buffer,
    dryRun: boolean,
  ) {
    const actor = req.actor!;
    const id = uuidParam.parse(serviceId);
    // Whose rota first (404/403), then what was sent (400).
    const { service } = await managedService(deps, actor, id);
    if (!bytes.length) throw badRequest('Fichier CSV attendu.');
    const text = decodeCsvBytes(bytes);
    let report: ImportReport;
    let status = 200;
    try {
      report = await importShiftsCsv(deps, actor, id, text, { dryRun });
    } catch (err) {
      if (!(err instanceof ImportRefused)) throw err;
      report = err.report;
      status = err.status;
    }
    const csrf = csrfToken(req);
    const back = `/rota?service=${service.id}`;
    const confirm =
      dryRun && !report.refused && report.created + report.updated > 0
        ? html`<form method="post" action="/rota/csv/import"><input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="service" value="${service.id}"><input type="hidden" name="csv" value="${bytes.toString('base64')}"><button type="submit">Confirmer l’import</button></form>`
        : '';
    const head = dryRun
      ? report.refused
        ? html`<p class="error" role="alert">${report.refused} ligne(s) refusée(s) : rien ne sera importé. Corrigez le fichier puis prévisualisez-le à nouveau.</p>`
        : html`<p>Aperçu : rien n’est encore écrit.${confirm ? '' : ' Rien à importer.'}</p>`
      : report.refused
        ? html`<p class="error" role="alert">Import refusé : rien n’a été importé (le planning a changé depuis l’aperçu ?).</p>`
        : html`<p role="status">Import enregistré.</p>`;
    const title = dryRun
      ? `Aperçu de l’import CSV · ${service.name}`
      : `Import CSV · ${service.name}`;
    res
      .status(status)
      .type('html')
      .send(
        page(
          title,
          actor,
          html`${head}${reportTable(report, text)}${confirm}<p><a href="${back}">Retour au planning</a></p>`,
          csrf,
        ),
      );
  }

  router.post(
    '/rota/csv/preview',
    fileUpload('file'),
    express.urlencoded({ extended: false }),
    requireCsrf,
    async (req, res) => {
      const b = req.body as { service?: string; file?: Buffer };
      await answer(req, res, String(b.service ?? ''), b.file ?? Buffer.alloc(0), true);
    },
  );

  router.post(
    '/rota/csv/import',
    // The preview's file (3 MB at most) comes back base64-encoded: a third larger.
    express.urlencoded({ extended: false, limit: '5mb' }),
    requireCsrf,
    async (req, res) => {
      const b = req.body as Record<string, string>;
      const bytes = Buffer.from(String(b.csv ?? ''), 'base64');
      await answer(req, res, String(b.service ?? ''), bytes, false);
    },
  );
  return router;
}
