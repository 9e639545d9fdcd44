import { returnHomeItemKinds } from '../../db/schema/index.js';
import { html, type Html } from '../web/html.js';
import { hiddenHeader, scrollingTable } from '../web/layout.js';
import { fieldState, refusalId, type Refusal } from '../web/form-refusal.js';
import { isLate, itemLabels } from './checklist.js';
import type { ItemRow } from './checklist-store.js';
import type { StayDetail } from './reads.js';
import { entryName } from './store.js';
import { birthDate, eventLabels, noticeLabels, patientName, statusLabels, when } from './views.js';

const deliveryLabels = {
  pending: 'à envoyer',
  sending: 'en cours',
  sent: 'envoyé',
  skipped: 'sans objet',
  failed: 'échec',
};

/** The stay page: what the hospital said, what was sent, and the return-home checklist. */
export function stayPage(d: StayDetail, csrf: string, now: Date, refusal?: Refusal | null): Html {
  const { stay, access } = d.view;
  const full = access !== 'assignee';
  const name = (id: string | null) => (id ? (d.names.get(id) ?? '—') : 'personne');
  const details = html`<dl class="stay-facts"><dt>Patient(e)</dt><dd>${patientName(stay)}</dd><dt>Né(e) le</dt><dd>${birthDate(stay.patientBirthDate)}</dd>
<dt>État</dt><dd>${statusLabels[stay.status]}</dd>${full ? html`<dt>Service</dt><dd>${stay.unit ?? '—'}</dd><dt>Admission</dt><dd>${when(stay.admittedAt)}</dd>` : ''}
<dt>Sortie prévue</dt><dd>${when(stay.expectedDischargeAt)}</dd><dt>Sortie</dt><dd>${when(stay.dischargedAt)}</dd>
${full ? html`<dt>Médecin traitant</dt><dd>${stay.gpEntryId ? name(stay.gpEntryId) : html`<strong class="late">absent de l’annuaire${stay.gpRpps ? ` (RPPS ${stay.gpRpps})` : ''} : à traiter par la coordination</strong>`}</dd>` : ''}</dl>
${stay.status === 'cancelled' ? html`<p class="error">L’établissement a annulé ce séjour : il n’a pas eu lieu.</p>` : ''}`;
  const movements = full
    ? html`<h2>Mouvements</h2>${scrollingTable(
        'Mouvements',
        html`<table><thead><tr><th scope="col">Événement</th><th scope="col">Quand</th><th scope="col">État</th></tr></thead><tbody>
${d.movements.map((m) => html`<tr><td>${eventLabels[m.event] ?? m.event}</td><td>${when(m.occurredAt)}</td><td>${m.cancelledAt ? html`<span class="late">annulé le ${when(m.cancelledAt)}</span>` : 'valide'}</td></tr>`)}</tbody></table>`,
      )}
<h2>Messages envoyés</h2>${
        d.notices.length
          ? scrollingTable(
              'Messages envoyés',
              html`<table><thead><tr><th scope="col">Message</th><th scope="col">À</th><th scope="col">MSSanté</th><th scope="col">SMS</th></tr></thead><tbody>
${d.notices.map((n) => html`<tr><td>${noticeLabels[n.kind]}</td><td>${name(n.recipientEntryId)}</td><td>${deliveryLabels[n.emailStatus]}</td><td>${deliveryLabels[n.smsStatus]}</td></tr>`)}</tbody></table>`,
            )
          : html`<p class="muted">Aucun message.</p>`
      }`
    : '';
  return html`${refusal ? html`<p class="error" role="alert" id="${refusalId}">${refusal.message}</p>` : ''}${details}${movements}
<h2>Retour à domicile</h2>${checklist(d, csrf, now)}${full ? addForm(d, csrf, refusal) : ''}`;

  function checklist(d: StayDetail, csrf: string, now: Date): Html {
    if (!d.items.length)
      return html`<p class="muted">Pas encore de tâche : la liste se crée avec la date de sortie prévue.</p>`;
    return scrollingTable(
      'Retour à domicile',
      html`<table><thead><tr><th scope="col">Tâche</th><th scope="col">Pour le</th><th scope="col">Confiée à</th><th scope="col">Fait</th>${full ? hiddenHeader('Confier') : ''}</tr></thead><tbody>
${d.items.map((item) => itemRow(item, csrf, now))}</tbody></table>`,
    );
  }

  function itemRow(item: ItemRow, csrf: string, now: Date): Html {
    const label = `${itemLabels[item.kind]}${item.label ? ` (${item.label})` : ''}`;
    const tick = html`<form class="inline" method="post" action="/hospital/items/${item.id}/done"><input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="done" value="${item.doneAt ? 'false' : 'true'}"><button class="secondary" type="submit" aria-label="${item.doneAt ? 'Décocher' : 'Cocher fait'} : ${label}">${item.doneAt ? 'Décocher' : 'Cocher fait'}</button></form>`;
    const assign = html`<form class="inline" method="post" action="/hospital/items/${item.id}/assign"><input type="hidden" name="_csrf" value="${csrf}"><label class="visually-hidden" for="assignee-${item.id}">Confier « ${label} » à</label><select id="assignee-${item.id}" name="assignee">${d.choices.map((c) => html`<option value="${c.id}"${c.id === item.assigneeEntryId ? html` selected` : ''}>${entryName(c)}</option>`)}</select><button class="secondary" type="submit">Confier</button></form>`;
    return html`<tr class="${isLate(item, now) ? 'late' : ''}"><td>${label}</td><td>${when(item.dueAt)}${isLate(item, now) ? ' · en retard' : ''}</td><td>${name(item.assigneeEntryId)}</td><td>${item.doneAt ? `fait le ${when(item.doneAt)}` : 'non'} ${tick}</td>${full ? html`<td>${d.choices.length ? assign : ''}</td>` : ''}</tr>`;
  }
}

function addForm(d: StayDetail, csrf: string, refusal?: Refusal | null): Html {
  const bad = refusal?.fields ?? [];
  return html`<h3>Ajouter une tâche</h3><form method="post" action="/hospital/stays/${d.view.stay.id}/items"><input type="hidden" name="_csrf" value="${csrf}">
<p><label for="item-kind">Tâche</label><select id="item-kind" name="kind" ${fieldState('kind', bad)}>${returnHomeItemKinds.map((k) => html`<option value="${k}">${itemLabels[k]}</option>`)}</select></p>
<p><label for="item-label">Précision (obligatoire pour « Autre »)</label><input id="item-label" name="label" maxlength="200" ${fieldState('label', bad)}></p>
<p><label for="item-due">Pour le (par défaut : la sortie prévue)</label><input id="item-due" name="due" type="date" ${fieldState('due', bad)}></p>
<p><label for="item-assignee">Confier à</label><select id="item-assignee" name="assignee" ${fieldState('assignee', bad)}><option value="">personne pour l’instant</option>${d.choices.map((c) => html`<option value="${c.id}">${entryName(c)}</option>`)}</select></p>
<p><button type="submit">Ajouter</button></p></form>`;
}
