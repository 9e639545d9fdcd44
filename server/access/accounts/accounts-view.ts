import { html, type Html } from '../../web/html.js';
import { hiddenHeader, scrollingTable } from '../../web/layout.js';
import type { Actor } from '../actor.js';
import type { Account } from './store.js';

export interface AccountsView {
  accounts: Account[];
  territories: { id: string; name: string }[];
  /** Professionals of the territories the actor manages who have no account yet. */
  invitable: { id: string; name: string; email: string | null }[];
  manageable: (a: Account) => boolean;
}

const roleLabel = {
  admin: 'administration',
  manager: 'coordination',
  professional: 'professionnel',
};
const status = (a: Account) =>
  a.deactivatedAt ? 'désactivé' : a.invited ? 'invitation envoyée' : 'actif';

const channelBoxes = (
  prefix: string,
  checked: 'sms' | 'email',
) => html`<fieldset class="bare-fieldset">
<legend class="muted">Envoyer le lien par</legend>
<label class="choice"><input type="checkbox" name="channels" value="sms" id="${prefix}-sms" ${checked === 'sms' ? 'checked' : ''}> SMS</label>
<label class="choice"><input type="checkbox" name="channels" value="email" id="${prefix}-email" ${checked === 'email' ? 'checked' : ''}> e-mail</label></fieldset>`;

/** The Comptes page: who has an account, invite, reset, deactivate. */
export function accountsView(actor: Actor, csrf: string, v: AccountsView, notice?: Html): Html {
  const territoryName = new Map(v.territories.map((t) => [t.id, t.name]));
  const hidden = html`<input type="hidden" name="_csrf" value="${csrf}">`;
  const rows = v.accounts.map(
    (a) => html`<tr><td>${a.name}</td><td>${a.email}</td><td>${roleLabel[a.role]}</td>
<td>${a.territoryIds.map((t) => territoryName.get(t) ?? '—').join(', ')}</td><td>${status(a)}</td>
<td>${
      v.manageable(a) && a.deactivatedAt
        ? html`<form method="post" action="/accounts/${a.id}/reset" class="inline">${hidden}<input type="hidden" name="channels" value="${a.professionalId ? 'sms' : 'email'}"><button class="secondary" type="submit" aria-label="Réactiver le compte de ${a.name}">Réactiver (nouveau lien)</button></form>`
        : v.manageable(a)
          ? html`<form method="post" action="/accounts/${a.id}/reset" class="inline">${hidden}<input type="hidden" name="channels" value="${a.professionalId ? 'sms' : 'email'}"><button class="secondary" type="submit" aria-label="Réinitialiser le mot de passe de ${a.name}">Réinitialiser</button></form>
<form method="post" action="/accounts/${a.id}/deactivate" class="inline">${hidden}<button class="secondary" type="submit" aria-label="Désactiver le compte de ${a.name}">Désactiver</button></form>`
          : ''
    }</td></tr>`,
  );
  const managerForm =
    actor.role === 'admin'
      ? html`<form method="post" action="/accounts/managers" class="card"><h2>Nouveau coordinateur</h2>${hidden}
<label for="m-name">Nom</label><input id="m-name" name="name" required>
<label for="m-email">E-mail (identifiant, reçoit le lien)</label><input id="m-email" name="email" type="email" required>
<label for="m-mobile">Mobile (facultatif, pour envoyer le lien par SMS ; non conservé)</label><input id="m-mobile" name="mobile" type="tel">
${channelBoxes('m', 'email')}
<fieldset class="bare-fieldset"><legend class="muted">Territoires</legend>${v.territories.map((t) => html`<label class="plain"><input type="checkbox" name="territoryIds" value="${t.id}"> ${t.name}</label>`)}</fieldset>
<p><button type="submit">Inviter</button></p></form>`
      : '';
  const professionalForm = v.invitable.length
    ? html`<form method="post" action="/accounts/professionals" class="card"><h2>Donner un compte à un professionnel</h2>${hidden}
<label for="p-id">Professionnel de l’annuaire</label><select id="p-id" name="professionalId">${v.invitable.map((p) => html`<option value="${p.id}">${p.name}${p.email ? ` (${p.email})` : ''}</option>`)}</select>
<label for="p-email">E-mail de connexion (vide : celui de l’annuaire)</label><input id="p-email" name="email" type="email">
${channelBoxes('p', 'sms')}<p><button type="submit">Inviter</button></p></form>`
    : html`<p class="muted">Tous les professionnels de vos territoires ont un compte.</p>`;
  return html`${notice ?? ''}<div class="cards">${managerForm}${professionalForm}</div>
${scrollingTable(
  'Comptes',
  html`<table><caption class="muted">${v.accounts.length} compte(s)</caption><thead><tr><th scope="col">Nom</th><th scope="col">E-mail</th><th scope="col">Rôle</th><th scope="col">Territoires</th><th scope="col">État</th>${hiddenHeader('Actions')}</tr></thead><tbody>${rows}</tbody></table>`,
)}`;
}
