/**
 * National codes of the Annuaire Santé (nomenclatures of the ANS): professions (TRE_G15) and
 * savoir-faire / specialties (TRE_R38, spécialités ordinales). Labels are French, as
 * professionals read them. A code missing here shows as its code: never dropped.
 */
const professions: Record<string, string> = {
  '10': 'Médecin',
  '21': 'Pharmacien',
  '26': 'Audioprothésiste',
  '28': 'Opticien-lunetier',
  '40': 'Chirurgien-dentiste',
  '50': 'Sage-femme',
  '60': 'Infirmier',
  '69': 'Infirmier psychiatrique',
  '70': 'Masseur-kinésithérapeute',
  '80': 'Pédicure-podologue',
  '81': 'Orthoprothésiste',
  '82': 'Podo-orthésiste',
  '83': 'Orthopédiste-orthésiste',
  '84': 'Oculariste',
  '85': 'Épithésiste',
  '86': 'Technicien de laboratoire médical',
  '91': 'Orthophoniste',
  '92': 'Orthoptiste',
  '94': 'Ergothérapeute',
  '95': 'Diététicien',
  '96': 'Psychomotricien',
  '98': "Manipulateur d'électroradiologie médicale",
};

// The medical specialties a territory's professionals ask advice of, and the common others.
const specialties: Record<string, string> = {
  SM01: 'Anatomie et cytologie pathologiques',
  SM02: 'Anesthésie-réanimation',
  SM03: 'Biologie médicale',
  SM04: 'Cardiologie et maladies vasculaires',
  SM05: 'Chirurgie générale',
  SM08: 'Chirurgie orthopédique et traumatologie',
  SM14: 'Chirurgie viscérale et digestive',
  SM15: 'Dermatologie et vénéréologie',
  SM16: 'Endocrinologie et métabolisme',
  SM18: 'Gériatrie',
  SM19: 'Gynécologie médicale',
  SM20: 'Gynécologie-obstétrique',
  SM21: 'Hématologie',
  SM24: 'Gastro-entérologie et hépatologie',
  SM25: 'Médecine du travail',
  SM26: 'Médecine générale (qualifié)',
  SM27: 'Médecine interne',
  SM28: 'Médecine nucléaire',
  SM29: 'Médecine physique et de réadaptation',
  SM30: 'Néphrologie',
  SM32: 'Neurologie',
  SM34: 'ORL et chirurgie cervico-faciale',
  SM38: 'Ophtalmologie',
  SM40: 'Pédiatrie',
  SM41: 'Pneumologie',
  SM42: 'Psychiatrie',
  SM44: 'Radio-diagnostic',
  SM46: 'Médecine intensive-réanimation',
  SM48: 'Rhumatologie',
  SM53: 'Spécialiste en médecine générale',
  SM54: 'Médecine générale',
  SM57: 'Allergologie',
  SM58: 'Maladies infectieuses et tropicales',
  SM59: "Médecine d'urgence",
  SM61: 'Médecine vasculaire',
  SM62: 'Endocrinologie, diabétologie, nutrition',
  SM72: 'Médecine interne et immunologie clinique',
  SM73: 'Médecine cardiovasculaire',
  SM74: 'Radiologie et imagerie médicale',
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
