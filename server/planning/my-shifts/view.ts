import { html, type Html } from '../../web/html.js';
import { fieldState, refusalId } from '../../web/form-refusal.js';
import { hiddenHeader, scrollingTable } from '../../web/layout.js';
import type { MyShifts } from './load.js';

export interface LeaveForm {
  from: string;
  to: string;
  reason: string;
}

const swapStates: Record<string, string> = {
  offered: 'proposée aux collègues',
  taken: 'prise par un collègue, en attente de validation',
};

/** "Mes gardes": shifts, swaps, leave and the calendar link of one professional; times in the territory's zone. */
export function myShiftsView(
  d: MyShifts,
  o: {
    csrf: string;
    icalUrl: string;
    notice?: string;
    error?: string;
    /** Fields named by the refusal (aria-invalid, described by the error). */
    invalid?: string[];
    leave?: LeaveForm;
  },
): Html {
  const when = (date: Date) =>
    new Intl.DateTimeFormat('fr-FR', {
      timeZone: d.zone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
    }).format(date);
  const day = (date: Date) =>
    new Intl.DateTimeFormat('fr-FR', {
      timeZone: d.zone,
      dateStyle: 'medium',
      timeStyle: 'short',
    }).format(date);
  const csrf = html`<input type="hidden" name="_csrf" value="${o.csrf}">`;
  const leave = o.leave ?? { from: '', to: '', reason: '' };
  return html`${o.error ? html`<p class="error" role="alert" id="${refusalId}" data-testid="refusal">${o.error}</p>` : ''}${o.notice ? html`<p role="status" class="card" data-testid="notice">${o.notice}</p>` : ''}
<section aria-labelledby="h-shifts"><h2 class="fs-115" id="h-shifts">Mes prochaines gardes</h2>
${
  d.shifts.length === 0
    ? html`<p>Aucune garde dans les 90 prochains jours.</p>`
    : scrollingTable(
        'Mes prochaines gardes',
        html`<table><thead><tr><th scope="col">Début</th><th scope="col">Fin</th><th scope="col">Service</th><th scope="col">Niveau</th><th scope="col">Échange</th></tr></thead><tbody>
${d.shifts.map(
  (
    s,
  ) => html`<tr data-shift="${s.id}"><td>${when(s.startsAt)}</td><td>${when(s.endsAt)}</td><td>${s.service}</td><td>${s.level === 1 ? 'titulaire' : `renfort ${s.level}`}</td>
<td>${s.swap ? html`${swapStates[s.swap.status]} (code ${s.swap.code})` : html`<form class="m-0" method="post" action="/me/shifts/${s.id}/offer">${csrf}<button type="submit" aria-label="Proposer en échange la garde du ${when(s.startsAt)}">Proposer en échange</button></form>`}</td></tr>`,
)}
</tbody></table>`,
      )
}</section>
<section aria-labelledby="h-offers"><h2 class="fs-115" id="h-offers">Gardes proposées par des collègues</h2>
${
  d.offers.length === 0
    ? html`<p>Aucune garde proposée dans vos services.</p>`
    : scrollingTable(
        'Gardes proposées par des collègues',
        html`<table><thead><tr><th scope="col">Début</th><th scope="col">Fin</th><th scope="col">Service</th><th scope="col">Proposée par</th>${hiddenHeader('Prendre')}</tr></thead><tbody>
${d.offers.map(
  (
    w,
  ) => html`<tr><td>${when(w.shift.startsAt)}</td><td>${when(w.shift.endsAt)}</td><td>${w.service}</td><td>${w.offeredBy}</td>
<td><form class="m-0" method="post" action="/me/swaps/${w.swap.id}/take">${csrf}<button type="submit" aria-label="Prendre la garde du ${when(w.shift.startsAt)}">Prendre cette garde</button></form></td></tr>`,
)}
</tbody></table>`,
      )
}</section>
<section aria-labelledby="h-leave"><h2 class="fs-115" id="h-leave">Mes indisponibilités</h2>
${
  d.absences.length === 0
    ? html`<p>Aucune indisponibilité à venir.</p>`
    : scrollingTable(
        'Mes indisponibilités',
        html`<table><thead><tr><th scope="col">Du</th><th scope="col">Au</th><th scope="col">Motif</th>${hiddenHeader('Supprimer')}</tr></thead><tbody>
${d.absences.map(
  (a) => html`<tr><td>${day(a.startsAt)}</td><td>${day(a.endsAt)}</td><td>${a.reason ?? ''}</td>
<td><form class="m-0" method="post" action="/me/unavailability/${a.id}/delete">${csrf}<button type="submit" class="secondary" aria-label="Supprimer l’indisponibilité du ${day(a.startsAt)}">Supprimer</button></form></td></tr>`,
)}
</tbody></table>`,
      )
}
<form method="post" action="/me/unavailability" class="card row row-roomy">${csrf}
<div><label for="leave-from">Du (inclus)</label><input id="leave-from" type="date" name="from" ${fieldState('from', o.invalid)} required value="${leave.from}"></div>
<div><label for="leave-to">Au (inclus)</label><input id="leave-to" type="date" name="to" ${fieldState('to', o.invalid)} required value="${leave.to}"></div>
<div><label for="leave-reason">Motif (facultatif)</label><input id="leave-reason" name="reason" ${fieldState('reason', o.invalid)} maxlength="200" value="${leave.reason}"></div>
<button type="submit">Ajouter l’indisponibilité</button></form></section>
<section aria-labelledby="h-ical"><h2 class="fs-115" id="h-ical">Mon agenda</h2>
<p>Abonnez votre agenda (téléphone, Outlook, Google Agenda) à cette adresse personnelle : elle donne accès à vos gardes, ne la partagez pas.</p>
<label for="ical-url">Adresse iCal de mes gardes</label><input class="wide mw-44" id="ical-url" readonly value="${o.icalUrl}" data-testid="ical-url">
<p><a href="${o.icalUrl.replace(/^https?:/, 'webcal:')}">S’abonner dans l’agenda de cet appareil</a></p><form method="post" action="/me/ical-token"><input type="hidden" name="_csrf" value="${o.csrf}"><p class="muted">Adresse partagée par erreur ? Une nouvelle adresse remplace l’ancienne, qui cesse de fonctionner (réabonnez vos agendas).</p><button class="secondary" type="submit">Changer l’adresse iCal</button></form></section>`;
}
