import { z } from 'zod';
import { specialtyLabel } from '../directory/national/codes.js';
import { badRequest } from '../platform/http-errors.js';
import { html, type Html } from '../web/html.js';
import { fieldState, refusalId, type Refusal } from '../web/form-refusal.js';
import {
  adviceOfferInput,
  parseWindowLines,
  weekdayName,
  type AdviceOfferInput,
} from './schema.js';

/** What the offer form posts: flat strings. */
export const offerFields = z.object({
  specialty: z.string().max(8).default(''),
  windows: z.string().max(2000).default(''),
  directLine: z.string().max(30).default(''),
  deadlineHours: z.string().max(4).default('48'),
});
export type OfferFields = z.infer<typeof offerFields>;

/** The form's fields as the command's input: the window lines parsed, refused with their line. */
export function offerInputOf(fields: OfferFields): AdviceOfferInput {
  const windows = parseWindowLines(fields.windows);
  if (typeof windows === 'string') throw badRequest(windows, { windows });
  const hours = /^\d{1,3}$/.test(fields.deadlineHours) ? Number(fields.deadlineHours) : NaN;
  if (!Number.isFinite(hours))
    throw badRequest('Délai de rappel en heures (ex. 48).', { deadlineHours: 'nombre' });
  return adviceOfferInput.parse({
    specialty: fields.specialty,
    windows,
    directLine: fields.directLine.trim() || null,
    deadlineHours: hours,
  });
}

export const windowLines = (windows: { weekday: number; start: string; end: string }[]) =>
  windows.map((w) => `${weekdayName(w.weekday)} ${w.start}–${w.end}`).join('\n');

/** One offer's form: new (a specialty to choose) or an existing one (its specialty fixed). */
export function offerForm(
  action: string,
  fields: OfferFields,
  options: { csrf: string; specialties?: string[]; refusal?: Refusal; submit: string },
): Html {
  const invalid = options.refusal?.fields ?? [];
  const id = action.replace(/\W+/g, '-');
  return html`<form method="post" action="${action}" class="stack advice-form">${options.refusal ? html`<p class="error" id="${refusalId}" role="alert">${options.refusal.message}</p>` : ''}
<input type="hidden" name="_csrf" value="${options.csrf}">
${
  options.specialties
    ? html`<label for="${id}-sp">Spécialité</label><select id="${id}-sp" name="specialty" ${fieldState('specialty', invalid)}>${options.specialties.map((c) => html`<option value="${c}" ${c === fields.specialty ? 'selected' : ''}>${specialtyLabel(c)}</option>`)}</select>`
    : html`<input type="hidden" name="specialty" value="${fields.specialty}">`
}
<label for="${id}-w">Créneaux hebdomadaires, un par ligne (ex. mardi 12:30–13:30)</label>
<textarea id="${id}-w" name="windows" rows="4" ${fieldState('windows', invalid)}>${fields.windows}</textarea>
<label for="${id}-d">Ligne directe (vide : celle de la fiche, sinon le mobile)</label>
<input id="${id}-d" name="directLine" type="tel" value="${fields.directLine}" ${fieldState('directLine', invalid)}>
<label for="${id}-h">Délai de rappel d’une demande d’avis (heures)</label>
<input id="${id}-h" name="deadlineHours" inputmode="numeric" value="${fields.deadlineHours}" ${fieldState('deadlineHours', invalid)}>
<button type="submit">${options.submit}</button></form>`;
}
