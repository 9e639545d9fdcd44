import { stringify } from 'csv-stringify/sync';
import { frenchMonth } from '../../web/french-month.js';
import { renderSheet } from '../../web/pdf-sheet.js';
import { activityRows } from './activity.js';
import type { ActivityReport } from './load.js';

/**
 * The ARS activity report as CSV (`;` and a UTF-8 BOM, as French spreadsheets read it) and PDF,
 * with the same rows in the same order as the page.
 */

export const reportFileStem = (r: ActivityReport) =>
  `activite-pdsa-${r.territory.name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .toLowerCase()}-${r.activity.month}`;

export function activityCsv(r: ActivityReport): string {
  return stringify(
    [
      ['territoire', 'mois', 'indicateur', 'valeur'],
      ...activityRows(r.activity).map(([label, value]) => [
        r.territory.name,
        r.activity.month,
        label,
        value,
      ]),
    ],
    { delimiter: ';', bom: true },
  );
}

export function activityPdf(r: ActivityReport, now: Date): Promise<Buffer> {
  return renderSheet(
    {
      title: "Rapport d'activité de la permanence des soins",
      lines: [
        `Territoire : ${r.territory.name}`,
        `Mois : ${frenchMonth(r.activity.month)}`,
        "Articles R6315-2 et R6315-3 du Code de la santé publique : activité et traçabilité de la régulation, pour l'ARS.",
      ],
      columns: [
        { title: 'Indicateur', width: 420 },
        { title: 'Valeur', width: 120 },
      ],
      rows: activityRows(r.activity),
      empty: 'Aucune activité ce mois-ci.',
    },
    now,
  );
}
