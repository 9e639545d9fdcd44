import { html, type Html } from '../../web/html.js';

export interface ShiftEditValues {
  date: string;
  start: string;
  end: string;
  level: string;
  professionalId: string;
}

export interface ShiftEditView {
  shiftId: string;
  serviceName: string;
  /** Human summary of the shift as stored ("jeudi 26 novembre 2026, 20:00 → 08:00"). */
  summary: string;
  values: ShiftEditValues;
  /** Those who may take it: not on duty elsewhere then (the current holder included). */
  offered: { id: string; name: string }[];
  manage: boolean;
  csrf: string;
  /** Why the last submission was refused, shown above the form. */
  refusal?: string;
  backUrl: string;
}

/**
 * The edit form of one shift: labelled fields, local wall-clock times (the command checks they
 * exist on DST days), and a separate cancel form. Works without JavaScript.
 */
export function shiftEditBody(v: ShiftEditView): Html {
  const summary = html`<p>${v.serviceName} · ${v.summary}</p>`;
  const back = html`<p><a href="${v.backUrl}">Retour au planning</a></p>`;
  if (!v.manage) return html`${summary}${back}`;
  const selected = (id: string) => (id === v.values.professionalId ? 'selected' : '');
  return html`${summary}<p><a href="/rota/shifts/${v.shiftId}/history">Historique</a></p>
${v.refusal ? html`<p class="error" role="alert" id="refusal">Modification refusée : ${v.refusal}</p>` : ''}
<form method="post" action="/rota/shifts/${v.shiftId}/edit" class="card" ${v.refusal ? html`aria-describedby="refusal"` : ''}>
  <input type="hidden" name="_csrf" value="${v.csrf}">
  <div class="row row-roomy">
    <div><label for="e-date">Date</label><input id="e-date" type="date" name="date" required value="${v.values.date}"></div>
    <div><label for="e-start">Début</label><input id="e-start" type="time" name="start" required value="${v.values.start}"></div>
    <div><label for="e-end">Fin</label><input id="e-end" type="time" name="end" required value="${v.values.end}" aria-describedby="e-end-hint"></div>
    <div><label for="e-level">Niveau</label><input class="w-4" id="e-level" type="number" name="level" min="1" max="9" required value="${v.values.level}"></div>
    <div><label for="e-pro">Professionnel</label><select id="e-pro" name="professionalId"><option value="" ${selected('')}>(à pourvoir)</option>${v.offered.map((m) => html`<option value="${m.id}" ${selected(m.id)}>${m.name}</option>`)}</select></div>
  </div>
  <p class="muted" id="e-end-hint">Heures locales du territoire ; une fin avant le début tombe le lendemain. Seuls les professionnels libres sur ce créneau sont proposés.</p>
  <button type="submit">Enregistrer</button>
</form>
<section class="card"><p>Annuler la garde la retire du planning, des rappels et des calendriers iCal ; elle reste dans l'historique.</p>
  <a class="button secondary" href="/rota/shifts/${v.shiftId}/cancel">Annuler la garde…</a></section>
${back}`;
}
