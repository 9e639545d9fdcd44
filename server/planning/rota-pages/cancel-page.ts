import { Router } from 'express';
import { canManageTerritory, canReadTerritory } from '../../access/actor.js';
import { csrfToken } from '../../access/middleware.js';
import type { AppDeps } from '../../platform/deps.js';
import { forbidden, notFound } from '../../platform/http-errors.js';
import { uuidParam } from '../../platform/params.js';
import { html } from '../../web/html.js';
import { page } from '../../web/layout.js';
import { whenFr } from '../shifts/refusals-fr.js';
import { professionalForService, shiftWithTerritory } from '../shifts/store.js';

/**
 * GET /rota/shifts/:id/cancel: the confirmation step before a shift is cancelled. The edit page
 * links here; only this page's form posts the cancellation (no script, works everywhere).
 */
export function cancelConfirmPage(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.db;
  router.get('/rota/shifts/:id/cancel', async (req, res) => {
    const actor = req.actor!;
    const id = uuidParam.safeParse(req.params.id).data;
    const row = id ? await shiftWithTerritory(db, id) : undefined;
    if (!row || !canReadTerritory(actor, row.territory.id)) throw notFound('Garde');
    if (!canManageTerritory(actor, row.territory.id)) throw forbidden();
    const { shift, service, territory } = row;
    const holder = shift.professionalId
      ? await professionalForService(db, shift.professionalId, shift.serviceId)
      : undefined;
    const edit = `/rota/shifts/${shift.id}/edit`;
    const csrf = csrfToken(req);
    const body =
      shift.status !== 'active'
        ? html`<p>Cette garde est déjà annulée.</p><p><a href="${edit}">Retour à la garde</a></p>`
        : html`<section class="card" aria-labelledby="h-cancel"><h2 class="fs-115" id="h-cancel">Annuler cette garde ?</h2>
<p>${service.name} · garde de niveau ${shift.level} ${holder ? html`de ${holder.name}` : 'à pourvoir'} ${whenFr(shift.startsAt, shift.endsAt, territory.timeZone)}.</p>
<p>Elle sera retirée du planning, des rappels et des calendriers iCal ; elle reste dans l'historique.${holder ? ' Le créneau redeviendra un trou de garde.' : ''}</p>
<form method="post" action="/rota/shifts/${shift.id}/cancel" class="row"><input type="hidden" name="_csrf" value="${csrf}">
<button type="submit" class="danger">Oui, annuler la garde</button><a class="button secondary" href="${edit}">Non, garder</a></form></section>`;
    res.type('html').send(page('Annuler la garde', actor, body, csrf));
  });
  return router;
}
