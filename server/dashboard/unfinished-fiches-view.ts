import { html, type Html } from '../web/html.js';
import { scrollingTable, hiddenHeader } from '../web/layout.js';
import type { TerritoryDashboard } from './load-dashboard.js';

/**
 * The territory's fiches de régulation still not filled in 2 h after their call (issue 17): the
 * doctor and the call's time, never what the fiche holds. Nothing shown when there is none.
 */
export function unfinishedFichesView(d: TerritoryDashboard): Html {
  const { total, rows } = d.unfinishedFiches;
  if (total === 0) return html``;
  const when = new Intl.DateTimeFormat('fr-FR', {
    timeZone: d.territory.timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
  return html`<section class="card" aria-labelledby="fiches-${d.territory.id}" data-testid="unfinished-fiches">
<h3 class="fs-105" id="fiches-${d.territory.id}">Fiches de régulation non remplies depuis plus de 2 h : <strong data-testid="unfinished-count">${total}</strong></h3>
${scrollingTable(
  'Fiches non remplies',
  html`<table><thead><tr><th scope="col">Appel</th><th scope="col">Médecin régulateur</th><th scope="col">Fiche</th>${hiddenHeader('Ouvrir')}</tr></thead><tbody>
${rows.map((r) => html`<tr><td>${when.format(r.callAt)}</td><td>${r.doctor}</td><td>fiche non remplie</td><td><a href="/calls/${r.callId}/fiche">Voir</a></td></tr>`)}
</tbody></table>`,
)}${total > rows.length ? html`<p class="muted">Les ${rows.length} plus récentes sont listées.</p>` : ''}</section>`;
}
