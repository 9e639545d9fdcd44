import { Router } from 'express';
import { csrfToken } from '../../access/middleware.js';
import type { AppDeps } from '../../platform/deps.js';
import { forbidden } from '../../platform/http-errors.js';
import { html } from '../../web/html.js';
import { hiddenHeader, page, scrollingTable } from '../../web/layout.js';
import { regulatedCallsOf } from './store.js';
import { spokenTime } from './when.js';

/** "Mes appels" (GET /my-calls): the calls the professional regulated, newest first, unfinished fiches marked. */
export function myCallsPage(deps: AppDeps): Router {
  const router = Router();
  router.get('/my-calls', async (req, res) => {
    const actor = req.actor!;
    if (!actor.professionalId) throw forbidden('Cette page est réservée aux médecins régulateurs.');
    const calls = await regulatedCallsOf(deps.db.db, actor.professionalId, deps.now());
    const status = (c: (typeof calls)[number]) =>
      !c.ficheId
        ? html`<strong>appel en cours</strong>`
        : c.completedAt
          ? 'complétée'
          : html`<strong class="fiche-unfinished">à compléter</strong>`;
    const table = scrollingTable(
      'Mes appels régulés',
      html`<table data-testid="my-calls"><thead><tr><th scope="col">Appel</th><th scope="col">Territoire</th><th scope="col">Fiche</th>${hiddenHeader('Ouvrir')}</tr></thead><tbody>
${calls.map((c) => html`<tr${c.ficheId && !c.completedAt ? html` class="fiche-unfinished-row"` : ''}><td>${spokenTime(c.startedAt, c.timeZone)}</td><td>${c.territory}</td><td>${status(c)}</td><td><a href="/calls/${c.callId}/fiche">Ouvrir la fiche</a></td></tr>`)}
</tbody></table>`,
    );
    const body = calls.length
      ? table
      : html`<p class="muted">Aucun appel régulé pour l’instant.</p>`;
    res.type('html').send(page('Mes appels', actor, body, csrfToken(req)));
  });
  return router;
}
