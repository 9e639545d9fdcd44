import type { TerritoryDashboard } from './load-dashboard.js';
import { barChart, horizontalBarChart } from './charts.js';
import { html, type Html } from '../web/html.js';
import { nightTable, waitText } from './night-table.js';
import { unfinishedFichesView } from './unfinished-fiches-view.js';

/** One territory's measures over the last 14 nights and the rota's weighted load, as charts with their tables. */
export function dashboardView(d: TerritoryDashboard): Html {
  const cb = d.total.callbacks;
  const cbTotal = cb.inTime + cb.late + cb.notDone + cb.open;
  const t = d.total;
  return html`<section aria-labelledby="dash-${d.territory.id}" data-testid="dashboard">
<h2 class="fs-120" id="dash-${d.territory.id}">${d.territory.name} · les 14 dernières nuits <span class="muted plain">(de 8 h à 8 h)</span></h2>
${unfinishedFichesView(d)}
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
    value: n.doctorRate,
    text: n.doctorRate === null ? '—' : `${n.doctorRate} %`,
  })),
  { max: 100, tableHead: ['Nuit', 'Pris par un médecin / demandes'], color: '#0f766e' },
)}
<figure class="card chart"><figcaption><strong>Délai avant réponse</strong></figcaption>
<p class="figure-value">médiane <strong data-testid="median-wait">${waitText(t.medianWait)}</strong> · 90 % en moins de <strong data-testid="p90-wait">${waitText(t.p90Wait)}</strong></p>
<p class="muted">Du choix du médecin (ou de la première sonnerie) à l’appui sur 1 de la personne qui décroche.</p>
<ul class="figure-list">
<li><strong data-testid="reached-doctor">${t.reachedDoctor}</strong> pris par un médecin sur ${t.soughtCare} demande(s) (${t.doctorRate === null ? '—' : `${t.doctorRate} %`})</li>
<li><strong data-testid="reached-fallback">${t.reachedFallback}</strong> pris par la permanence</li>
<li><strong data-testid="abandoned">${t.abandonedBeforePerson}</strong> abandon(s) avant réponse</li>
</ul></figure>
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
${nightTable(d.nights, d.total)}
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
