import type { NightStats } from './night-stats.js';
import { html, type Html } from '../web/html.js';
import { durationText } from './call-path.js';

/** Seconds as a coordinator reads them: "45 s", "2 min 05 s"; a dash when there is no figure. */
export const waitText = (v: number | null): string =>
  v === null ? '—' : durationText(Math.round(v));

const dayMonth = (night: string) => `${night.slice(8)}/${night.slice(5, 7)}`;

const columns: [key: string, head: string][] = [
  ['calls', 'Appels'],
  ['doctor', 'Médecin'],
  ['fallback', 'Permanence'],
  ['callbacks-in-time', 'Rappels faits à temps'],
  ['callbacks-late', 'Rappels en retard'],
  ['callbacks-not-done', 'Rappels non faits'],
  ['median-wait', 'Attente médiane'],
  ['p90-wait', 'Attente 90e centile'],
  ['abandoned', 'Abandons avant réponse'],
];

function cells(n: NightStats): string[] {
  return [
    String(n.calls),
    String(n.reachedDoctor),
    String(n.reachedFallback),
    String(n.callbacks.inTime),
    String(n.callbacks.late),
    String(n.callbacks.notDone),
    waitText(n.medianWait),
    waitText(n.p90Wait),
    String(n.abandonedBeforePerson),
  ];
}

const row = (n: NightStats, head: Html) =>
  html`<tr data-night="${n.night}">${head}${cells(n).map((v, i) => html`<td data-figure="${columns[i]![0]}">${v}</td>`)}</tr>`;

/**
 * Night by night, what a coordinator checks each morning: calls, who took them (a doctor or the
 * permanence), the callbacks against their deadline, the wait before a person, and who gave up.
 * Nights without a call or a callback are left out; the last row is the whole period.
 */
export function nightTable(nights: readonly NightStats[], total: NightStats): Html {
  const shown = nights.filter(
    (n) =>
      n.calls > 0 ||
      n.callbacks.inTime + n.callbacks.late + n.callbacks.notDone + n.callbacks.open > 0,
  );
  return html`<figure class="card night-figures" data-testid="night-figures"><figcaption><strong>Nuit par nuit</strong></figcaption>
<p class="muted">Attente : du choix du médecin par l’appelant (ou de la première sonnerie) à l’appui sur 1 de la personne qui décroche, médecin ou permanence. Un rappel compte pour la nuit où il a été demandé.</p>
${
  shown.length === 0
    ? html`<p class="muted">Aucun appel sur la période.</p>`
    : html`<div class="table-scroll" tabindex="0" role="region" aria-label="Nuit par nuit, tableau défilant"><table><thead><tr><th scope="col">Nuit</th>${columns.map(([, head]) => html`<th scope="col">${head}</th>`)}</tr></thead>
<tbody>${shown.map((n) => row(n, html`<th scope="row"><time datetime="${n.night}">${dayMonth(n.night)}</time></th>`))}</tbody>
<tfoot>${row(total, html`<th scope="row">14 nuits</th>`)}</tfoot></table></div>`
}</figure>`;
}
