/**
 * Words of health detail, which no SMS may hold (issue 17; checked on every kind of sms.ts by
 * sms-health-words.test.ts, and on the bodies tests send). The list names health *detail*:
 * symptoms, care given, where a patient was treated. Left out on purpose: "urgence" in "en cas
 * d'urgence, appelez le 15" (the safety instruction a patient SMS may give), "médecin" / "doctor"
 * (who calls back), "pharmacie" (the pharmacy on duty is an address), "rappel" and "garde" (the
 * platform's own words), "régulation" (the fiche's name says there is a form to fill, not what is
 * in it), "consultation" (an appointment's time and place). Matched accent- and case-insensitively
 * at the start of a word, so plurals and derived forms (douleurs, hospitalisé, prescrit) count.
 */
export const healthWords = [
  // symptoms and complaints
  'symptôme',
  'symptom',
  'douleur',
  'fièvre',
  'fiévr',
  'fever',
  'toux',
  'cough',
  'vomi',
  'diarrhée',
  'saign',
  'bleed',
  'malaise',
  'blessure',
  'injur',
  'fracture',
  'éruption',
  'essouffl',
  'respiratoire',
  'thoracique',
  'infection',
  'allergi',
  'grossesse',
  'enceinte',
  'pregnan',
  'maladie',
  'illness',
  'disease',
  'patholog',
  'cancer',
  'diabète',
  'diabet',
  'asthm',
  'bronchiolite',
  'grippe',
  'covid',
  // what the doctor decided or gave
  'diagnos',
  'ordonnance',
  'prescri',
  'traitement',
  'treatment',
  'médicament',
  'medication',
  'medicine',
  'antibiotique',
  'antibiotic',
  'vaccin',
  'dose',
  // where a patient was treated
  'hôpital',
  'hospital',
  'hospitalis',
  'urgences',
  'smur',
  'admission',
  'admitted',
  'clinique',
  'clinic',
];

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

/** The health words a text holds (each at the start of a word). */
export function healthWordsIn(text: string): string[] {
  const folded = fold(text);
  return healthWords.filter((w) => new RegExp(`(?<![\\p{L}\\d])${fold(w)}`, 'u').test(folded));
}
