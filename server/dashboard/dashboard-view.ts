import type { TerritoryDashboard } from './load-dashboard.js';
import { barChart, horizontalBarChart } from './charts.js';
import { html, type Html } from '../web/html.js';

const seconds = (v: number | null) => (v === null ? '—' : `${Math.round(v)} s`);
// Charts need more room than the on-duty cards; min() keeps one column on a phone.
const dayMonth = (night: string) => `${night.slice(8)}/${night.slice(5, 7)}`;

/** One territory's measures over the last 14 nights and the rota's weighted load, as charts with their tables. */
export function dashboardView(d: TerritoryDashboard): Html {
  const cb = d.callbacks;
  const cbTotal = cb.inTime + cb.late + cb.notDone + cb.open;
  return html`<section aria-labelledby="dash-${d.territory.id}" data-testid="dashboard">
<h2 class="fs-120" id="dash-${d.territory.id}">${d.territory.name} · les 14 dernières nuits <span class="muted plain">(de 8 h à 8 h)</span></h2>
<div class="cards dashboard-grid">
${barChart(
  'Appels par nuit',
  d.nights.map((n) => ({ label: n.night, value: n.calls })),
  { tableHead: ['Nuit', 'Appels'] },
)}
${barChart(
  'Taux de mise en relation par nuit (%)',
  d.nights.map((n) => ({
    label: n.night,
    value: n.answerRate,
    text: n.answerRate === null ? '—' : `${n.answerRate} %`,
  })),
  { max: 100, tableHead: ['Nuit', 'Mis en relation / demandes'], color: '#0f766e' },
)}
<figure class="card chart"><figcaption><strong>Délai avant réponse</strong></figcaption>
<p class="figure-value">médiane <strong data-testid="median-wait">${seconds(d.total.medianWait)}</strong> · 90 % en moins de <strong data-testid="p90-wait">${seconds(d.total.p90Wait)}</strong></p>
<p class="muted">Du début de l’appel à l’appui sur 1 du professionnel ; ${d.total.answered} appel(s) mis en relation sur ${d.total.soughtCare} demande(s) (${d.total.answerRate === null ? '—' : `${d.total.answerRate} %`}).</p>
<table><caption class="muted">Par nuit</caption><thead><tr><th scope="col">Nuit</th><th scope="col">Appels</th><th scope="col">Médiane</th><th scope="col">90e centile</th></tr></thead>
<tbody>${d.nights.filter((n) => n.calls > 0).map((n) => html`<tr><th scope="row">${dayMonth(n.night)}</th><td>${n.calls}</td><td>${seconds(n.medianWait)}</td><td>${seconds(n.p90Wait)}</td></tr>`)}</tbody></table></figure>
${horizontalBarChart(
  `Rappels et leur échéance (${cbTotal})`,
  [
    { label: 'faits dans le délai', value: cb.inTime },
    { label: 'faits en retard', value: cb.late },
    { label: 'non faits', value: cb.notDone },
    { label: 'en cours, pas encore dus', value: cb.open },
  ],
  { tableHead: ['Rappels', 'Nombre'], color: '#6b4fbb' },
)}
</div>
<h3 class="fs-105">Charge pondérée par professionnel</h3>
<p class="muted">Nuit de semaine 1, samedi 1,5, dimanche et férié 2, Noël et Nouvel An 3 (tous services du territoire).</p>
<div class="cards dashboard-grid">
${horizontalBarChart(
  '4 dernières semaines',
  d.pastLoad.map((l) => ({
    label: l.name,
    value: l.weightedLoad,
    text: `${l.weightedLoad} (${l.count} garde${l.count > 1 ? 's' : ''})`,
  })),
  { tableHead: ['Professionnel', 'Charge (gardes)'] },
)}
${horizontalBarChart(
  '4 prochaines semaines',
  d.comingLoad.map((l) => ({
    label: l.name,
    value: l.weightedLoad,
    text: `${l.weightedLoad} (${l.count} garde${l.count > 1 ? 's' : ''})`,
  })),
  { tableHead: ['Professionnel', 'Charge (gardes)'] },
)}
</div></section>`;
}
