import { z } from 'zod';
import express, { Router } from 'express';
import { canManageTerritory, requireRead } from '../../access/actor.js';
import { csrfToken, requireCsrf } from '../../access/middleware.js';
import type { AppDeps } from '../../platform/deps.js';
import { uuidParam } from '../../platform/params.js';
import { html } from '../../web/html.js';
import { page } from '../../web/layout.js';
import { decideSwap } from './commands.js';
import { openSwaps, professionalNames } from './store.js';

const fmt = (d: Date) =>
  new Intl.DateTimeFormat('fr-FR', {
    timeZone: 'Europe/Paris',
    dateStyle: 'short',
    timeStyle: 'medium',
  }).format(d);

/** Swaps to approve: a page for managers, and their decision. */
export function swapsPages(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.db;
  const managerOnly = requireRead('swapQueue');

  router.get('/swaps', managerOnly, async (req, res) => {
    const actor = req.actor!;
    const mine = (await openSwaps(db)).filter((r) => canManageTerritory(actor, r.territoryId));
    const people = await professionalNames(db, [
      ...new Set(
        mine.flatMap((r) => [r.swap.offeredBy, ...(r.swap.takenBy ? [r.swap.takenBy] : [])]),
      ),
    ]);
    const csrf = csrfToken(req);
    const body = html`<table><thead><tr><th>Garde</th><th>Proposée par</th><th>Prise par</th><th>Décision</th></tr></thead><tbody>
${mine.map(
  (r) =>
    html`<tr><td>${fmt(r.shift.startsAt)}</td><td>${people.get(r.swap.offeredBy)}</td><td>${r.swap.takenBy ? people.get(r.swap.takenBy) : 'personne encore'}</td><td>${
      r.swap.status === 'taken'
        ? html`<form class="inline" method="post" action="/swaps/${r.swap.id}/approve"><input type="hidden" name="_csrf" value="${csrf}"><button type="submit">Valider</button></form>
<form class="inline" method="post" action="/swaps/${r.swap.id}/reject"><input type="hidden" name="_csrf" value="${csrf}"><button class="secondary" type="submit">Refuser</button></form>`
        : 'en attente d’un collègue'
    }</td></tr>`,
)}
</tbody></table>${mine.length === 0 ? html`<p>Aucun échange en cours.</p>` : ''}`;
    res.type('html').send(page('Échanges de garde', actor, body, csrf));
  });

  // Only the two buttons' words: a typo approves nothing.
  const decision = z.enum(['approve', 'reject'], {
    message: 'décision attendue : approve ou reject',
  });
  router.post(
    '/swaps/:id/:decision',
    express.urlencoded({ extended: false }),
    requireCsrf,
    async (req, res) => {
      await decideSwap(
        deps,
        req.actor!,
        uuidParam.parse(req.params.id),
        decision.parse(req.params.decision),
      );
      res.redirect(303, '/swaps');
    },
  );
  return router;
}
