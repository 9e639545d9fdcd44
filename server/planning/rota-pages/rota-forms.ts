import { html, type Html } from '../../web/html.js';

/** What the "Ajouter une garde" form shows: its defaults, or what a refused submission typed. */
export interface AddFormValues {
  date: string;
  start: string;
  end: string;
  level: string;
  professionalId: string;
}

/**
 * The add form under the calendar. A refused submission comes back here open, with what was
 * typed and the reason above it (local time, French), not on a page of its own.
 */
export function addShiftForm(v: {
  serviceId: string;
  csrf: string;
  values: AddFormValues;
  members: { id: string; name: string }[];
  open: boolean;
  refusal?: string;
}): Html {
  const selected = (id: string) => (id === v.values.professionalId ? 'selected' : '');
  return html`<details class="card" id="ajouter" ${v.open || v.refusal ? 'open' : ''}><summary>Ajouter une garde</summary>
${v.refusal ? html`<p class="error" role="alert" id="add-refusal">Garde refusée : ${v.refusal}</p>` : ''}
<form class="row" method="post" action="/rota/shifts" ${v.refusal ? html`aria-describedby="add-refusal"` : ''}>
  <input type="hidden" name="_csrf" value="${v.csrf}"><input type="hidden" name="serviceId" value="${v.serviceId}">
  <div><label for="n-date">Date</label><input id="n-date" type="date" name="date" required value="${v.values.date}"></div>
  <div><label for="n-start">Début</label><input id="n-start" type="time" name="start" required value="${v.values.start}"></div>
  <div><label for="n-end">Fin</label><input id="n-end" type="time" name="end" required value="${v.values.end}"></div>
  <div><label for="n-level">Niveau</label><input class="w-4" id="n-level" type="number" name="level" min="1" max="9" value="${v.values.level}"></div>
  <div><label for="n-pro">Professionnel</label><select id="n-pro" name="professionalId"><option value="" ${selected('')}>(à pourvoir)</option>${v.members.map((m) => html`<option value="${m.id}" ${selected(m.id)}>${m.name}</option>`)}</select></div>
  <button type="submit">Ajouter</button></form></details>`;
}

/** Import (a preview first, then "Confirmer l'import") and export of the service's CSV. */
export function csvForms(v: { serviceId: string; csrf: string; month: string }): Html {
  return html`<details class="card" id="csv"><summary>Import / export CSV</summary>
<p><a id="rota-export" data-base="/rota/export.csv?service=${v.serviceId}" href="/rota/export.csv?service=${v.serviceId}&month=${v.month}">Exporter le mois en CSV</a> (séparateur « ; », lisible par Excel).</p>
<form method="post" action="/rota/csv/preview" enctype="multipart/form-data" class="row">
  <input type="hidden" name="_csrf" value="${v.csrf}"><input type="hidden" name="service" value="${v.serviceId}">
  <div><label for="csv-file">Fichier CSV à importer</label><input id="csv-file" type="file" name="file" accept=".csv,text/csv" required></div>
  <button type="submit">Prévisualiser l’import</button></form>
<p class="muted">Rien n’est écrit avant « Confirmer l’import » : l’aperçu dit, ligne par ligne, ce qui serait créé, modifié, inchangé ou refusé.</p></details>`;
}

/** The legend of the calendar's colours; the own-shift line only for a professional. */
export function rotaLegend(manage: boolean, professional: boolean): Html {
  return html`<ul class="rota-legend muted" aria-label="Légende">
<li><span class="rota-swatch rota-swatch-l1"></span>Niveau 1</li><li><span class="rota-swatch rota-swatch-l2"></span>Niveau 2</li><li><span class="rota-swatch rota-swatch-l3"></span>Niveau 3</li>
<li><span class="rota-swatch rota-swatch-gap"></span><span class="error">Gardes à pourvoir et trous de garde (N1 ou N2 manquant)</span></li>
<li><span class="rota-swatch rota-swatch-hol"></span>Jours fériés et ponts</li>
${professional ? html`<li><span class="rota-swatch rota-swatch-mine"></span>Mes gardes (encadrées)</li>` : ''}
</ul>${manage ? html`<p class="muted">Glissez une garde pour la déplacer, ou sélectionnez une plage vide pour en ajouter une.</p>` : ''}`;
}
