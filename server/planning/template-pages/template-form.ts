import { ZodError } from 'zod';
import type { TemplateSlot } from '../../../rota/shift-template.js';
import { HttpError } from '../../platform/http-errors.js';
import { html, type Html } from '../../web/html.js';
import { scrollingTable } from '../../web/layout.js';

/** One row of the editor as typed (strings), so a refused template comes back as written. */
export interface SlotFields {
  name: string;
  days: string[];
  start: string;
  end: string;
  levels: string;
  kind: string;
  remove: boolean;
}

export const dayLabels: [string, string, string][] = [
  ['mon', 'lun', 'lundi'],
  ['tue', 'mar', 'mardi'],
  ['wed', 'mer', 'mercredi'],
  ['thu', 'jeu', 'jeudi'],
  ['fri', 'ven', 'vendredi'],
  ['sat', 'sam', 'samedi'],
  ['sun', 'dim', 'dimanche'],
  ['holiday', 'férié', 'jour férié'],
  ['pont', 'pont', 'pont'],
];
const kindLabels: [string, string][] = [
  ['weeknight', 'Nuit de semaine'],
  ['saturday', 'Samedi'],
  ['sunday_holiday', 'Dimanche ou férié'],
  ['christmas_newyear', 'Noël ou Nouvel An'],
];
const fieldLabels: Record<string, string> = {
  name: 'nom',
  days: 'jours',
  start: 'début',
  end: 'fin',
  levels: 'niveaux',
  kind: 'type',
};

export const blankSlot: SlotFields = {
  name: '',
  days: [],
  start: '',
  end: '',
  levels: '1',
  kind: 'weeknight',
  remove: false,
};

export const fieldsOfSlot = (s: TemplateSlot): SlotFields => ({
  name: s.name,
  days: [...s.days],
  start: s.start,
  end: s.end,
  levels: String(s.levels),
  kind: s.kind,
  remove: false,
});

const text = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) ? String(v[0]) : '');
const list = (v: unknown) =>
  v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)];

/** The rows of the posted form (`name.3`, `days.3`…), in order; at most 40 read. */
export function slotFieldsOf(body: Record<string, unknown>): SlotFields[] {
  const indexes = new Set<number>();
  for (const key of Object.keys(body)) {
    const m = /^(name|days|start|end|levels|kind|remove)\.(\d{1,2})$/.exec(key);
    if (m) indexes.add(Number(m[2]));
  }
  return [...indexes]
    .sort((a, b) => a - b)
    .slice(0, 40)
    .map((i) => ({
      name: text(body[`name.${i}`]),
      days: list(body[`days.${i}`]),
      start: text(body[`start.${i}`]).trim(),
      end: text(body[`end.${i}`]).trim(),
      levels: text(body[`levels.${i}`]).trim(),
      kind: text(body[`kind.${i}`]),
      remove: body[`remove.${i}`] !== undefined,
    }));
}

/** A row left entirely blank (the spare row) is no slot; a row ticked "Supprimer" is dropped. */
export const keptRows = (rows: SlotFields[]) =>
  rows
    .map((row, index) => ({ row, index }))
    .filter(({ row }) => !row.remove && (row.name.trim() || row.start || row.end));

/** The template the command receives: what was typed, parsed by the API's own schema. */
export const templateOf = (kept: { row: SlotFields }[]) =>
  kept.map(({ row }) => ({
    name: row.name,
    days: row.days,
    start: row.start,
    end: row.end,
    levels: row.levels === '' ? Number.NaN : Number(row.levels),
    kind: row.kind,
  }));

/**
 * The refusal of a template, row by row in French: zod's issues (path `template.<i>.<field>`)
 * and the command's (fields `template.<i>`), `i` counting the kept rows; null if not a refusal.
 */
export function rowRefusals(
  err: unknown,
  kept: { row: SlotFields; index: number }[],
): Map<number, string[]> | null {
  const out = new Map<number, string[]>();
  const add = (slot: number | null, message: string) => {
    const key = slot === null ? -1 : (kept[slot]?.index ?? -1);
    out.set(key, [...(out.get(key) ?? []), message]);
  };
  if (err instanceof ZodError) {
    for (const issue of err.issues) {
      const [, slot, field] = issue.path;
      const label = typeof field === 'string' ? `${fieldLabels[field] ?? field} : ` : '';
      add(typeof slot === 'number' ? slot : null, `${label}${issue.message}`);
    }
    return out;
  }
  if (err instanceof HttpError && err.status === 400) {
    const fields = Object.entries(err.fields ?? {});
    if (fields.length === 0) add(null, err.message);
    for (const [key, message] of fields) {
      const slot = /^template\.(\d+)$/.exec(key);
      add(slot ? Number(slot[1]) : null, message);
    }
    return out;
  }
  return null;
}

const cell = (label: string, content: Html) => html`<td data-label="${label}">${content}</td>`;

/** The editor: one row per slot, a blank row to add one, "Supprimer" to drop one. */
export function templateForm(o: {
  serviceId: string;
  csrf: string;
  rows: SlotFields[];
  refusals?: Map<number, string[]>;
}): Html {
  const refusals = o.refusals ?? new Map<number, string[]>();
  const rows = o.rows.map((r, i) => {
    const n = i + 1;
    const problems = refusals.get(i);
    const spare = i === o.rows.length - 1 && !r.name && !r.start && !r.end;
    return html`<tr class="${problems ? 'template-row refused-row' : 'template-row'}" data-row="${n}">
${cell('Nom', html`<input class="w-8" name="name.${i}" value="${r.name}" aria-label="Nom, ligne ${n}" ${spare ? html`placeholder="nouveau créneau"` : ''}>`)}
${cell('Jours', html`${dayLabels.map(([value, short, long]) => html`<label class="choice"><input type="checkbox" name="days.${i}" value="${value}" aria-label="${long}, ligne ${n}" ${r.days.includes(value) ? 'checked' : ''}> ${short}</label>`)}`)}
${cell('Début', html`<input class="w-5" name="start.${i}" value="${r.start}" placeholder="20:00" aria-label="Début, ligne ${n}">`)}
${cell('Fin', html`<input class="w-5" name="end.${i}" value="${r.end}" placeholder="08:00" aria-label="Fin, ligne ${n}">`)}
${cell('Niveaux', html`<input class="w-4" type="number" min="1" max="5" name="levels.${i}" value="${r.levels}" aria-label="Niveaux, ligne ${n}">`)}
${cell('Type', html`<select name="kind.${i}" aria-label="Type, ligne ${n}">${kindLabels.map(([value, label]) => html`<option value="${value}" ${r.kind === value ? 'selected' : ''}>${label}</option>`)}</select>`)}
${cell('Supprimer', spare ? html`` : html`<label class="choice"><input type="checkbox" name="remove.${i}" value="1" aria-label="Supprimer la ligne ${n}" ${r.remove ? 'checked' : ''}> supprimer</label>`)}
</tr>${problems ? html`<tr class="refused-row"><td colspan="7" class="error" data-testid="row-error-${n}">Ligne ${n}${r.name ? ` (« ${r.name} »)` : ''} : ${problems.join(' ; ')}</td></tr>` : ''}`;
  });
  const general = refusals.get(-1);
  return html`${refusals.size ? html`<p class="error" role="alert" data-testid="form-error">Modèle refusé, rien n'a été enregistré.${general ? ` ${general.join(' ; ')}` : ''} Corrigez les lignes signalées en rouge.</p>` : ''}
<form method="post" action="/rota/template"><input type="hidden" name="_csrf" value="${o.csrf}"><input type="hidden" name="service" value="${o.serviceId}">
${scrollingTable(
  'Créneaux du modèle',
  html`<table class="template-table"><caption class="muted">Heures locales HH:MM ; une fin avant le début (ou 24:00) finit le lendemain. La dernière ligne, vide, ajoute un créneau.</caption>
<thead><tr><th scope="col">Nom</th><th scope="col">Jours</th><th scope="col">Début</th><th scope="col">Fin</th><th scope="col">Niveaux</th><th scope="col">Type</th><th scope="col">Supprimer</th></tr></thead>
<tbody>${rows}</tbody></table>`,
)}
<p><button type="submit">Enregistrer le modèle</button></p></form>`;
}
