import type { StayNoticeKind } from '../../../db/schema/index.js';
import { itemLabels } from '../checklist.js';
import type { ItemRow } from '../checklist-store.js';
import type { StayRow } from '../store.js';

const when = (d: Date | null) =>
  d
    ? new Intl.DateTimeFormat('fr-FR', {
        timeZone: 'Europe/Paris',
        dateStyle: 'full',
        timeStyle: 'short',
      }).format(d)
    : 'non indiquée';
const birth = (iso: string | null) => (iso ? iso.split('-').reverse().join('/') : 'non indiquée');

const subjects: Record<StayNoticeKind, string> = {
  admission: 'Hospitalisation d’un de vos patients',
  discharge_expected: 'Sortie prévue d’un de vos patients hospitalisés',
  discharge: 'Sortie d’hospitalisation d’un de vos patients',
  correction: 'Correction : sortie d’hospitalisation annulée',
  withdrawal: 'Annulation : hospitalisation annoncée par erreur',
  assignment: 'Retour à domicile : une tâche vous est confiée',
};

const openings: Record<StayNoticeKind, string> = {
  admission: 'L’établissement nous informe de l’hospitalisation de votre patient(e).',
  discharge_expected: 'L’établissement annonce la date de sortie prévue de votre patient(e).',
  discharge: 'L’établissement nous informe de la sortie de votre patient(e).',
  correction:
    'L’établissement a annulé la sortie annoncée précédemment : votre patient(e) est toujours hospitalisé(e).',
  withdrawal:
    'L’établissement a annulé l’admission annoncée précédemment : ne tenez pas compte de notre message précédent.',
  assignment: 'La coordination vous confie une tâche pour le retour à domicile de ce patient.',
};

/**
 * The MSSanté message: the details the GP needs (the subject names no one; the body, on the
 * secure messaging only, does). Composed at delivery from the stay as it is now.
 */
export function stayNoticeEmail(
  kind: StayNoticeKind,
  stay: StayRow,
  link: string,
  item?: ItemRow | null,
): { subject: string; text: string } {
  const lines = [
    'Bonjour,',
    '',
    openings[kind],
    '',
    `Patient(e) : ${stay.patientGivenName} ${stay.patientFamilyName}`.trim(),
    `Né(e) le : ${birth(stay.patientBirthDate)}`,
    `Service : ${stay.unit ?? 'non indiqué'}`,
    `Admission : ${when(stay.admittedAt)}`,
    `Sortie prévue : ${when(stay.expectedDischargeAt)}`,
    `Sortie : ${stay.dischargedAt ? when(stay.dischargedAt) : 'pas encore'}`,
  ];
  if (item)
    lines.push(
      '',
      `Tâche : ${itemLabels[item.kind]}${item.label ? ` (${item.label})` : ''}`,
      `À faire pour le : ${when(item.dueAt)}`,
    );
  lines.push('', `Le suivi du retour à domicile : ${link}`, '', '— gardeline, pour la CPTS');
  return { subject: subjects[kind], text: lines.join('\n') };
}
