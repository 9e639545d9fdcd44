import { z } from 'zod';
import { professionalLanguages } from './schema.js';
import { fieldState, refusalId } from '../web/form-refusal.js';
import { html, type Html } from '../web/html.js';

const languageNames: Record<(typeof professionalLanguages)[number], string> = {
  fr: 'français',
  en: 'anglais',
  de: 'allemand',
  es: 'espagnol',
  it: 'italien',
  br: 'breton',
};
const professions = [
  'médecin généraliste',
  'pharmacien',
  'masseur-kinésithérapeute',
  'chirurgien-dentiste',
  'infirmier',
];

/** The form as typed (strings), so a refused entry is shown back as the person wrote it. */
export interface ProfessionalFields {
  territoryId: string;
  name: string;
  profession: string;
  mobile: string;
  email: string;
  languages: string[];
  serviceIds: string[];
}

export interface ServiceChoice {
  id: string;
  territoryId: string;
  label: string;
}

// A checkbox group posts nothing, one string, or several: always a list here.
const list = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

/** The urlencoded body of the add/edit form, read as strings; the command's zod schemas check the values. */
export const professionalFields = z.object({
  territoryId: z.string().default(''),
  name: z.string().default(''),
  profession: z.string().default(''),
  mobile: z.string().default(''),
  email: z.string().trim().default(''),
  languages: list,
  serviceIds: list,
});

/**
 * Add or edit a professional. `territories` (several managed) shows a territory choice; `services`
 * (managers only) the checkboxes of service membership.
 */
export function professionalForm(
  action: string,
  f: ProfessionalFields,
  o: {
    csrf: string;
    error?: string;
    /** The fields the refusal names: marked aria-invalid and described by the error. */
    invalid?: string[];
    services?: ServiceChoice[];
    territories?: { id: string; name: string }[];
    submit: string;
  },
): Html {
  return html`<form method="post" action="${action}" class="card mw-36">
${o.error ? html`<p class="error" role="alert" id="${refusalId}" data-testid="form-error">${o.error}</p>` : ''}<input type="hidden" name="_csrf" value="${o.csrf}">
${
  o.territories && o.territories.length > 1
    ? html`<label for="territoryId">Territoire</label><select id="territoryId" name="territoryId">${o.territories.map((t) => html`<option value="${t.id}" ${t.id === f.territoryId ? 'selected' : ''}>${t.name}</option>`)}</select>`
    : html`<input type="hidden" name="territoryId" value="${f.territoryId}">`
}
<label for="name">Nom</label><input class="wide" id="name" name="name" value="${f.name}" ${fieldState('name', o.invalid)} required minlength="2" maxlength="120" autocomplete="name">
<label for="profession">Profession</label><input class="wide" id="profession" name="profession" value="${f.profession}" ${fieldState('profession', o.invalid)} required list="professions">
<datalist id="professions">${professions.map((p) => html`<option value="${p}">`)}</datalist>
<label for="mobile">Mobile</label><input id="mobile" name="mobile" value="${f.mobile}" inputmode="tel" autocomplete="tel" required ${fieldState('mobile', o.invalid, 'mobile-hint')}>
<p id="mobile-hint" class="muted my-02">Ex. 06 12 34 56 78 ou +33 6 12 34 56 78 : c’est le numéro appelé pendant la garde.</p>
<label for="email">E-mail (facultatif)</label><input class="wide" id="email" name="email" type="email" value="${f.email}" ${fieldState('email', o.invalid)} autocomplete="email">
<fieldset class="bare-fieldset"><legend class="bold">Langues parlées avec les patients</legend>
${professionalLanguages.map((l) => html`<label class="choice"><input type="checkbox" name="languages" value="${l}" ${f.languages.includes(l) ? 'checked' : ''}> ${languageNames[l]}</label>`)}</fieldset>
${
  o.services
    ? html`<fieldset class="bare-fieldset"><legend class="bold">Services (tours de garde)</legend>
${o.services.length === 0 ? html`<p class="muted">Aucun service sur ce territoire.</p>` : ''}
${o.services.map((s) => html`<label class="choice-block"><input type="checkbox" name="serviceIds" value="${s.id}" ${f.serviceIds.includes(s.id) ? 'checked' : ''}> ${s.label}</label>`)}</fieldset>`
    : ''
}
<p><button type="submit">${o.submit}</button></p></form>`;
}
