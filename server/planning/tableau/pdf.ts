import {
  modalityLabel,
  reasonLabel,
  type RealisedSlot,
  type TableauSlot,
} from '../../../rota/tableau.js';
import { renderSheet as render } from '../../web/pdf-sheet.js';
import type { Sector } from './csv.js';
import { dayLabel, frenchDate, hoursLabel, openSlot } from './present.js';

/**
 * The tableau de garde and the réalisé as PDF (server/web/pdf-sheet.ts): A4 landscape, one line
 * per slot.
 */
const heads = (sector: Sector, du: string, au: string) => [
  `Secteur : ${sector.territory} · ${sector.service}`,
  `Période du ${frenchDate(du)} au ${frenchDate(au)}`,
];

/** The tableau de garde to send to the conseil départemental de l'Ordre (R6315-2). */
export function tableauPdf(
  sector: Sector,
  span: { du: string; au: string; sentOn: string | null },
  slots: readonly TableauSlot[],
  now: Date,
): Promise<Buffer> {
  return render(
    {
      title: 'Tableau de garde',
      lines: [
        ...heads(sector, span.du, span.au),
        "Article R6315-2 du Code de la santé publique : nom, modalité et lieu de dispensation de l'activité de chaque médecin.",
        span.sentOn
          ? `Transmis au conseil départemental de l'Ordre le ${frenchDate(span.sentOn)}.`
          : '',
      ].filter(Boolean),
      columns: [
        { title: 'Date', width: 120 },
        { title: 'Horaires', width: 70 },
        { title: 'Niveau', width: 40 },
        { title: 'Médecin', width: 170 },
        { title: 'Modalité', width: 130 },
        { title: 'Lieu', width: 240 },
      ],
      rows: slots.map((s) => [
        dayLabel(s.date),
        hoursLabel(s),
        String(s.level),
        s.name ?? openSlot,
        modalityLabel[s.modality],
        s.place,
      ]),
      empty: 'Aucune garde sur la période.',
    },
    now,
  );
}

/** The réalisé for the ARS and the Assurance Maladie: who actually worked each slot. */
export function realisedPdf(
  sector: Sector,
  span: { du: string; au: string },
  rows: readonly RealisedSlot[],
  now: Date,
): Promise<Buffer> {
  return render(
    {
      title: 'Gardes réalisées',
      lines: [
        ...heads(sector, span.du, span.au),
        'Liste des médecins ayant effectivement assuré chaque garde (échanges et remplacements pris en compte).',
      ],
      columns: [
        { title: 'Date', width: 115 },
        { title: 'Horaires', width: 65 },
        { title: 'Niv.', width: 30 },
        { title: 'Médecin ayant assuré', width: 160 },
        { title: 'Prévu au tableau', width: 150 },
        { title: 'Motif', width: 110 },
        { title: 'Modalité', width: 140 },
      ],
      rows: rows.map((r) => [
        dayLabel(r.date),
        hoursLabel(r),
        String(r.level),
        r.worked ?? 'non assurée',
        r.planned ?? openSlot,
        reasonLabel[r.reason],
        modalityLabel[r.modality],
      ]),
      empty: 'Aucune garde sur la période.',
    },
    now,
  );
}
