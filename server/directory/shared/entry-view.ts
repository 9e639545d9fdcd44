import { html, type Html } from '../../web/html.js';
import { professionLabel, specialtyLabel } from '../national/codes.js';
import type { DirectoryPlace } from './store.js';
import { goneMark, nationalNote, nationalNumber, telLink, type EntryShown } from './view-parts.js';

export interface EntryView extends EntryShown {
  rpps: string | null;
  /** Direct line, mobile and MSSanté are shown (read-policy.ts `seesDirectoryContacts`). */
  contactsShown: boolean;
  /** The edit form's address, when the actor may change the entry. */
  editUrl: string | null;
}

function placeCard(p: DirectoryPlace): Html {
  const town = [p.postcode, p.communeName].filter(Boolean).join(' ');
  return html`<li class="card"><p class="bold m-0">${p.structureName || 'Lieu d’exercice'}</p>
${p.address ? html`<p class="m-0">${p.address}</p>` : ''}${town ? html`<p class="m-0">${town}</p>` : ''}
${p.phone ? html`<p class="m-0">Standard : <a href="tel:${p.phone}">${nationalNumber(p.phone)}</a></p>` : ''}${p.email ? html`<p class="m-0">E-mail : <a href="mailto:${p.email}">${p.email}</a></p>` : ''}</li>`;
}

/** One person of the directory: who, what, where, and the lines between professionals. */
export function entryBody(v: EntryView): Html {
  const contacts = v.contactsShown
    ? html`<section class="card"><h2>Joindre ${v.mine ? 'vous' : 'entre professionnels'}</h2>
<dl class="directory-contacts"><dt>Ligne directe</dt><dd>${telLink(v.directLine)}</dd><dt>Mobile</dt><dd>${telLink(v.mobile)}</dd><dt>MSSanté</dt><dd>${v.mssante ? html`<a href="mailto:${v.mssante}">${v.mssante}</a>` : '—'}</dd></dl>
<p class="muted">Réservé aux professionnels et à la coordination du territoire : ne pas transmettre aux patients.</p></section>`
    : '';
  const specialties = v.specialtyCodes.map(specialtyLabel);
  return html`<p><a href="/directory">← Retour à l’annuaire</a></p>
${v.goneAt ? html`<p class="notice">${goneMark} : absent de la dernière extraction de l’Annuaire Santé.</p>` : ''}
<dl class="directory-identity"><dt>Profession</dt><dd>${professionLabel(v.professionCode) || '—'}</dd>
<dt>Spécialités</dt><dd>${specialties.length ? specialties.join(', ') : '—'}</dd>
${v.rpps ? html`<dt>RPPS</dt><dd>${v.rpps}</dd>` : ''}<dt>Territoire</dt><dd>${v.territoryName}</dd></dl>
${contacts}
<h2>Lieux d’exercice</h2>${v.places.length ? html`<ul class="directory-places">${v.places.map(placeCard)}</ul>` : html`<p class="muted">Aucun lieu connu.</p>`}
${nationalNote}
${v.editUrl ? html`<p><a class="button" href="${v.editUrl}">${v.mine ? 'Modifier ma fiche' : 'Modifier les coordonnées'}</a></p>` : ''}`;
}
