import type { Queryable } from '../../db/client.js';
import type { Actor } from '../access/actor.js';
import { overdueAvisRequests } from '../advice/store.js';
import { specialtyLabel } from '../directory/national/codes.js';
import { html, type Html } from '../web/html.js';
import { scrollingTable } from '../web/layout.js';

/** Avis requests past their deadline in the manager's territories (télé-expertise must be traced). */
export async function overdueAvisSection(db: Queryable, actor: Actor, now: Date): Promise<Html> {
  const rows = await overdueAvisRequests(
    db,
    actor.role === 'admin' ? null : actor.territoryIds,
    now,
  );
  const day = new Intl.DateTimeFormat('fr-FR', {
    timeZone: 'Europe/Paris',
    dateStyle: 'short',
    timeStyle: 'short',
  });
  return html`<section aria-labelledby="avis-overdue" data-testid="avis-overdue"><h2 class="fs-120" id="avis-overdue">Demandes d’avis en retard</h2>
${
  rows.length === 0
    ? html`<p class="muted">Aucune demande d’avis en retard.</p>`
    : scrollingTable(
        'Demandes d’avis en retard',
        html`<table><caption class="muted">${rows.length} demande(s) non rappelée(s) dans le délai · <a href="/advice/requests">toutes les demandes</a></caption><thead><tr><th scope="col">Demandée par</th><th scope="col">Spécialité</th><th scope="col">Échéance</th></tr></thead><tbody>
${rows.map(({ request, requester }) => html`<tr><td>${requester ? `${requester.firstName} ${requester.lastName}`.trim() : '—'}</td><td>${specialtyLabel(request.specialtyCode)}</td><td>${day.format(request.deadline)}</td></tr>`)}</tbody></table>`,
      )
}</section>`;
}
