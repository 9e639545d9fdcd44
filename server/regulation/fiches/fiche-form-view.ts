import { html, type Html } from '../../web/html.js';
import { fieldState, refusalId } from '../../web/form-refusal.js';
import { decisionLabels, reasonLabels } from './catalogue-fr.js';

/** What the form shows: the fiche's values, or what was sent when it was refused. */
export interface FicheFormValues {
  reasonCode: string;
  reasonText: string;
  decision: string;
  prescription: string;
  prescriptionText: string;
  decidedAt: string;
}

/** How a form proves who posts it: the session's CSRF token, or the SMS link's token. */
export const credentialFields = (auth: { csrf?: string; token?: string }): Html =>
  auth.token
    ? html`<input type="hidden" name="token" value="${auth.token}">`
    : html`<input type="hidden" name="_csrf" value="${auth.csrf ?? ''}">`;

export const refusalBlock = (error?: string): Html =>
  error
    ? html`<p class="error" role="alert" id="${refusalId}" data-testid="refusal">${error}</p>`
    : html``;

/** The fiche as a phone-first form: one column, big targets, the usual reasons first. */
export function ficheForm(o: {
  action: string;
  auth: { csrf?: string; token?: string };
  values: FicheFormValues;
  regulator: string;
  error?: string;
  invalid?: string[];
}): Html {
  const v = o.values;
  const inv = o.invalid ?? [];
  const radio = (name: string, value: string, label: string, checked: boolean) =>
    html`<label class="choice-block"><input type="radio" name="${name}" value="${value}" ${checked ? html`checked` : ''} required> ${label}</label>`;
  return html`<form method="post" action="${o.action}" class="card fiche-form" data-testid="fiche-form">
${refusalBlock(o.error)}${credentialFields(o.auth)}
<label for="reasonCode">Motif de l’appel</label>
<select id="reasonCode" name="reasonCode" required class="wide" ${fieldState('reasonCode', inv)}>
<option value="">— choisir —</option>
${Object.entries(reasonLabels).map(([code, label]) => html`<option value="${code}" ${v.reasonCode === code ? html`selected` : ''}>${label}</option>`)}
</select>
<label for="reasonText">Précisions sur le motif <span class="plain muted">(obligatoire pour « Autre »)</span></label>
<textarea id="reasonText" name="reasonText" rows="3" maxlength="500" class="wide" ${fieldState('reasonText', inv)}>${v.reasonText}</textarea>
<fieldset class="bare-fieldset" ${fieldState('decision', inv)}><legend class="bold">Décision</legend>
${Object.entries(decisionLabels).map(([code, label]) => radio('decision', code, label, v.decision === code))}
</fieldset>
<fieldset class="bare-fieldset" ${fieldState('prescription', inv)}><legend class="bold">Prescription donnée</legend>
${radio('prescription', 'non', 'Non', v.prescription === 'non')}${radio('prescription', 'oui', 'Oui', v.prescription === 'oui')}
</fieldset>
<label for="prescriptionText">Laquelle <span class="plain muted">(si oui)</span></label>
<input id="prescriptionText" name="prescriptionText" maxlength="500" class="wide" value="${v.prescriptionText}" ${fieldState('prescriptionText', inv)}>
<label for="decidedAt">Heure de la décision <span class="plain muted">(heure de Paris)</span></label>
<input id="decidedAt" name="decidedAt" type="datetime-local" required value="${v.decidedAt}" ${fieldState('decidedAt', inv)}>
<p>Régulation : <strong data-testid="regulator">${o.regulator}</strong></p>
<p><button type="submit">Enregistrer la fiche</button></p>
</form>`;
}

/** After the lock: a correction appended under the fiche (text; author and time are recorded). */
export function addendumForm(o: {
  action: string;
  auth: { csrf?: string; token?: string };
  error?: string;
}): Html {
  return html`<form method="post" action="${o.action}" class="card" data-testid="addendum-form">
${refusalBlock(o.error)}${credentialFields(o.auth)}
<label for="addendum">Ajouter un addendum</label>
<p class="muted">La fiche ne se modifie plus 24 h après l’appel : un addendum la complète sans la réécrire.</p>
<textarea id="addendum" name="text" rows="4" maxlength="2000" required class="wide"></textarea>
<p><button type="submit">Ajouter l’addendum</button></p>
</form>`;
}
