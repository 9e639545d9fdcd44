/**
 * The rules of a territory's regulation mode (CSP R6315-3), checked on the territory as it would
 * be after a change: an association's number counts as a regulation access only if its platform
 * is interconnected with the CRRA under a convention with the SAMU's hospital, approved by the ARS.
 */

export interface RegulationSettings {
  regulationMode: 'centre15' | 'plateforme';
  crraNumber: string | null;
  regionalRegulationNumber: '15' | '116117';
  conventionRef: string | null;
  conventionSignedOn: string | null;
  arsApprovedOn: string | null;
}

/** The fields of a regulation change, as the API and the form name them. */
export const regulationFields = [
  'regulationMode',
  'crraNumber',
  'regionalRegulationNumber',
  'conventionRef',
  'conventionSignedOn',
  'arsApprovedOn',
] as const;

const missingLabels = {
  conventionRef: 'la référence de la convention',
  conventionSignedOn: 'la date de signature de la convention',
  arsApprovedOn: "la date d'approbation par l'ARS",
} as const;

/**
 * What is wrong with `s` on `today` (a local date AAAA-MM-JJ), by field, in French: empty when
 * the settings may be saved. 'plateforme' needs the convention's reference, signature and ARS
 * approval; dates are never in the future and the approval never precedes the signature.
 */
export function regulationProblems(s: RegulationSettings, today: string): Record<string, string> {
  const problems: Record<string, string> = {};
  if (s.regulationMode === 'plateforme') {
    const missing = (Object.keys(missingLabels) as (keyof typeof missingLabels)[]).filter(
      (k) => !s[k],
    );
    for (const k of missing)
      problems[k] =
        `Plateforme interconnectée refusée sans ${missing.map((m) => missingLabels[m]).join(', ')}.`;
  }
  if (s.conventionSignedOn && s.conventionSignedOn > today)
    problems.conventionSignedOn = 'La convention ne peut pas être signée dans le futur.';
  if (s.arsApprovedOn && s.arsApprovedOn > today)
    problems.arsApprovedOn = "L'approbation de l'ARS ne peut pas être dans le futur.";
  else if (s.arsApprovedOn && s.conventionSignedOn && s.arsApprovedOn < s.conventionSignedOn)
    problems.arsApprovedOn = "L'ARS ne peut pas approuver la convention avant sa signature.";
  return problems;
}

/** The refusal's one sentence, French then English. */
export const regulationRefusal = (problems: Record<string, string>) =>
  `${[...new Set(Object.values(problems))].join(' ')} Regulation settings refused.`;
