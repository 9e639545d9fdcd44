import { z } from 'zod';
import { fieldState, refusalId } from '../../web/form-refusal.js';
import { html, type Html } from '../../web/html.js';
import { directoryOptIns, optInKeys, type DirectoryOptIn } from './schema.js';
import { entryName, entryTrade, nationalNote, type EntryShown } from './view-parts.js';

/** The form as typed (strings), so a refused entry is shown back as the person wrote it. */
export interface EntryFields {
  mobile: string;
  directLine: string;
  mssante: string;
  visibility: string;
  optIns: string[];
  /** The linked on-call professional's id ('' none); only managers' forms carry it. */
  professionalId?: string | undefined;
}

// A checkbox group posts nothing, one string, or several: always a list here.
const list = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

/** The urlencoded body of the form, read as strings; `entryLocalPatch` checks the values. */
export const entryFields = z.object({
  mobile: z.string().default(''),
  directLine: z.string().default(''),
  mssante: z.string().default(''),
  visibility: z.string().default('professionals'),
  optIns: list,
  professionalId: z.string().optional(),
});

/** The form's fields as a patch: every local field (an empty one clears it), every opt-in. */
export const patchOfFields = (f: EntryFields) => ({
  ...(f.professionalId === undefined ? {} : { professionalId: f.professionalId || null }),
  mobile: f.mobile,
  directLine: f.directLine,
  mssante: f.mssante,
  visibility: f.visibility,
  optIns: Object.fromEntries(optInKeys.map((k) => [k, f.optIns.includes(k)])) as Record<
    DirectoryOptIn,
    boolean
  >,
});

export const fieldsOfEntry = (e: {
  mobile: string | null;
  directLine: string | null;
  mssante: string | null;
  visibility: string;
  optIns: Record<string, boolean>;
  professionalId?: string | null | undefined;
}): EntryFields => ({
  professionalId: e.professionalId ?? '',
  mobile: e.mobile ?? '',
  directLine: e.directLine ?? '',
  mssante: e.mssante ?? '',
  visibility: e.visibility,
  optIns: optInKeys.filter((k) => e.optIns[k]),
});

/**
 * The local fields of an entry (its person's, or a manager's): national fields are shown, not
 * editable, since the next import would overwrite them.
 */
export function entryForm(
  action: string,
  entry: EntryShown,
  f: EntryFields,
  o: {
    csrf: string;
    error?: string;
    invalid?: string[];
    /** Managers: the territory's on-call professionals, to link the entry to one (and its login). */
    professionals?: { id: string; name: string }[];
  },
): Html {
  const visibility = (value: string, label: string) =>
    html`<label class="choice-block"><input type="radio" name="visibility" value="${value}"${f.visibility === value ? html` checked` : ''}> ${label}</label>`;
  return html`<section class="card mw-36"><h2>${entryName(entry)}</h2><p>${entryTrade(entry) || '—'}</p>${nationalNote}</section>
<form method="post" action="${action}" class="card mw-36">
${o.error ? html`<p class="error" role="alert" id="${refusalId}" data-testid="form-error">${o.error}</p>` : ''}<input type="hidden" name="_csrf" value="${o.csrf}">
<label for="directLine">Ligne directe (pour les confrères)</label><input id="directLine" name="directLine" value="${f.directLine}" inputmode="tel" autocomplete="tel" ${fieldState('directLine', o.invalid, 'phone-hint')}>
<label for="mobile">Mobile</label><input id="mobile" name="mobile" value="${f.mobile}" inputmode="tel" autocomplete="tel" ${fieldState('mobile', o.invalid, 'phone-hint')}>
<p id="phone-hint" class="muted my-02">Ex. 02 97 12 34 56 ou +33 6 12 34 56 78 ; laisser vide pour retirer le numéro.</p>
<label for="mssante">Adresse MSSanté</label><input class="wide" id="mssante" name="mssante" type="email" value="${f.mssante}" autocomplete="email" ${fieldState('mssante', o.invalid, 'mssante-hint')}>
<p id="mssante-hint" class="muted my-02">Messagerie sécurisée de santé, ex. prenom.nom@medecin.mssante.fr.</p>
<fieldset class="bare-fieldset"><legend class="bold">Qui voit cette fiche</legend>
${visibility('professionals', 'Les professionnels du territoire (et la coordination)')}${visibility('hidden', 'La coordination seulement')}</fieldset>
<fieldset class="bare-fieldset"><legend class="bold">J’accepte de recevoir</legend>
${optInKeys.map((k) => html`<label class="choice-block"><input type="checkbox" name="optIns" value="${k}"${f.optIns.includes(k) ? html` checked` : ''}> ${directoryOptIns[k]}</label>`)}</fieldset>
${
  o.professionals
    ? html`<label for="professionalId">Professionnel de garde relié (son compte modifie cette fiche)</label><select id="professionalId" name="professionalId" ${fieldState('professionalId', o.invalid)}><option value="">aucun</option>${o.professionals.map((p) => html`<option value="${p.id}"${p.id === f.professionalId ? html` selected` : ''}>${p.name}</option>`)}</select>`
    : ''
}
<p><button type="submit">Enregistrer</button></p></form>`;
}
