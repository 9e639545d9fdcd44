import { html, type Html } from '../web/html.js';
import { hiddenHeader, scrollingTable } from '../web/layout.js';
import { isLate, itemLabels } from './checklist.js';
import type { ItemRow } from './checklist-store.js';
import type { StayRow } from './store.js';

export const statusLabels: Record<StayRow['status'], string> = {
  pre_admitted: 'pré-admission',
  admitted: 'hospitalisé(e)',
  on_leave: 'en permission',
  discharged: 'sorti(e)',
  cancelled: 'annulé par l’établissement',
};

export const eventLabels: Record<string, string> = {
  A01: 'Admission',
  A03: 'Sortie',
  A04: 'Admission (urgences / externe)',
  A05: 'Pré-admission',
  A08: 'Mise à jour',
  A11: 'Annulation de l’admission',
  A12: 'Annulation d’une mutation',
  A13: 'Annulation de la sortie',
  A16: 'Sortie prévue',
  A21: 'Départ en permission',
  A22: 'Retour de permission',
};

export const noticeLabels = {
  admission: 'admission',
  discharge_expected: 'sortie prévue',
  discharge: 'sortie',
  correction: 'correction (sortie annulée)',
  withdrawal: 'retrait (admission annulée)',
  assignment: 'tâche confiée',
} as const;

const fmt = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  dateStyle: 'short',
  timeStyle: 'short',
});
export const when = (d: Date | null) => (d ? fmt.format(d) : '—');
export const birthDate = (iso: string | null) => (iso ? iso.split('-').reverse().join('/') : '—');
export const patientName = (s: Pick<StayRow, 'patientFamilyName' | 'patientGivenName'>) =>
  `${s.patientFamilyName.toUpperCase()} ${s.patientGivenName}`.trim();

export interface Progress {
  done: number;
  total: number;
  late: number;
}

export const progressCell = (p: Progress): Html =>
  p.total === 0
    ? html`<span class="muted">pas encore</span>`
    : html`${p.done}/${p.total} fait(s)${p.late ? html` · <strong class="late">${p.late} en retard</strong>` : ''}`;

/** A table of stays (the GP's list, the worklist, every stay). */
export function staysTable(
  label: string,
  rows: { stay: StayRow; progress: Progress }[],
  gpOf?: (stay: StayRow) => string,
): Html {
  if (!rows.length) return html`<p class="muted">Aucun séjour.</p>`;
  return scrollingTable(
    label,
    html`<table><caption class="muted">${rows.length} séjour(s)</caption><thead><tr><th scope="col">Patient(e)</th><th scope="col">Né(e) le</th><th scope="col">Service</th><th scope="col">État</th><th scope="col">Admission</th><th scope="col">Sortie prévue</th><th scope="col">Sortie</th>${gpOf ? html`<th scope="col">Médecin traitant</th>` : ''}<th scope="col">Retour à domicile</th>${hiddenHeader('Ouvrir')}</tr></thead><tbody>
${rows.map(
  ({ stay, progress }) =>
    html`<tr><td>${patientName(stay)}</td><td>${birthDate(stay.patientBirthDate)}</td><td>${stay.unit ?? '—'}</td><td>${statusLabels[stay.status]}</td><td>${when(stay.admittedAt)}</td><td>${when(stay.expectedDischargeAt)}</td><td>${when(stay.dischargedAt)}</td>${gpOf ? html`<td>${gpOf(stay)}</td>` : ''}<td>${progressCell(progress)}</td><td><a href="/hospital/stays/${stay.id}" aria-label="Ouvrir le séjour de ${patientName(stay)}">Ouvrir</a></td></tr>`,
)}</tbody></table>`,
  );
}

/** Late items, in red, with their patient and who has them. */
export function lateTable(
  rows: { item: ItemRow; stay: StayRow }[],
  assigneeOf: (item: ItemRow) => string,
  now: Date,
): Html {
  if (!rows.length) return html`<p class="muted">Aucune tâche en retard.</p>`;
  return scrollingTable(
    'Tâches en retard',
    html`<table><thead><tr><th scope="col">Tâche</th><th scope="col">Patient(e)</th><th scope="col">Pour le</th><th scope="col">Confiée à</th>${hiddenHeader('Ouvrir')}</tr></thead><tbody>
${rows.map(
  ({ item, stay }) =>
    html`<tr class="${isLate(item, now) ? 'late' : ''}"><td>${itemLabels[item.kind]}${item.label ? ` (${item.label})` : ''}</td><td>${patientName(stay)}</td><td>${when(item.dueAt)}</td><td>${assigneeOf(item)}</td><td><a href="/hospital/stays/${stay.id}" aria-label="Ouvrir le séjour de ${patientName(stay)}">Ouvrir</a></td></tr>`,
)}</tbody></table>`,
  );
}
