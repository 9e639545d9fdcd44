/**
 * National codes of the Annuaire Santé (nomenclatures of the ANS): professions (TRE_G15) and
 * savoir-faire / specialties (TRE_R38). Labels are French, as professionals read them. A code
 * missing here shows as its code: never dropped.
 */
const professions: Record<string, string> = {
  '10': 'Médecin',
  '21': 'Pharmacien',
  '40': 'Chirurgien-dentiste',
  '50': 'Sage-femme',
  '60': 'Infirmier',
  '70': 'Masseur-kinésithérapeute',
  '80': 'Pédicure-podologue',
  '91': 'Orthophoniste',
  '92': 'Orthoptiste',
};

const specialties: Record<string, string> = {
  SM41: 'Pneumologie',
  SM48: 'Rhumatologie',
  SM54: 'Médecine générale',
};

export function professionLabel(code: string | null): string {
  if (!code) return '';
  return professions[code] ?? code;
}

export function specialtyLabel(code: string): string {
  return specialties[code] ?? code;
}

/** Every specialty code with its label, by label (menus, filters). */
export function knownSpecialties(): { code: string; label: string }[] {
  return Object.entries(specialties)
    .map(([code, label]) => ({ code, label }))
    .sort((a, b) => a.label.localeCompare(b.label, 'fr'));
}

/** Every profession code with its label, by label. */
export function knownProfessions(): { code: string; label: string }[] {
  return Object.entries(professions)
    .map(([code, label]) => ({ code, label }))
    .sort((a, b) => a.label.localeCompare(b.label, 'fr'));
}
