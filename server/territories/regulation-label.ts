import type { RegulationSettings } from './regulation-rules.js';

const longDate = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const frenchDay = (day: string | null) =>
  day ? longDate.format(new Date(`${day}T12:00:00Z`)) : '(date inconnue)';

/**
 * A territory's regulation mode as a manager reads it: « Centre 15 (SAMU) », or « Plateforme
 * interconnectée — convention X signée le …, approuvée par l'ARS le … ».
 */
export function regulationLabel(t: RegulationSettings): string {
  if (t.regulationMode === 'centre15') {
    const regional = t.regionalRegulationNumber === '116117' ? 'le 116 117' : 'le 15';
    return t.crraNumber
      ? 'Centre 15 (SAMU) — les appelants sont transférés au CRRA'
      : `Centre 15 (SAMU) — les appelants sont invités à composer ${regional}`;
  }
  return `Plateforme interconnectée — convention ${t.conventionRef ?? '(sans référence)'} signée le ${frenchDay(t.conventionSignedOn)}, approuvée par l'ARS le ${frenchDay(t.arsApprovedOn)}`;
}
