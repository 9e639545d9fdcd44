/**
 * The public layout of the Annuaire Santé extractions (ANS, « extractions en libre accès »):
 * pipe-separated, one header row, no quoting, a trailing pipe on every line. Columns are found
 * by their header name, not their position: the ANS has added and renamed columns over the years
 * (« Libellé civilité exercice » / « … d'exercice », « (coord. Structure) » / « (coord. structure) »).
 */

/** The header of PS_LibreAcces_Personne_activite, in order: one row per person × place. */
export const personActivityHeader = [
  "Type d'identifiant PP",
  'Identifiant PP',
  'Identification nationale PP',
  "Code civilité d'exercice",
  "Libellé civilité d'exercice",
  'Code civilité',
  'Libellé civilité',
  "Nom d'exercice",
  "Prénom d'exercice",
  'Code profession',
  'Libellé profession',
  'Code catégorie professionnelle',
  'Libellé catégorie professionnelle',
  'Code type savoir-faire',
  'Libellé type savoir-faire',
  'Code savoir-faire',
  'Libellé savoir-faire',
  'Code mode exercice',
  'Libellé mode exercice',
  'Numéro SIRET site',
  'Numéro SIREN site',
  'Numéro FINESS site',
  'Numéro FINESS établissement juridique',
  'Identifiant technique de la structure',
  'Raison sociale site',
  'Enseigne commerciale site',
  'Complément destinataire (coord. structure)',
  'Complément point géographique (coord. structure)',
  'Numéro Voie (coord. structure)',
  'Indice répétition voie (coord. structure)',
  'Code type de voie (coord. structure)',
  'Libellé type de voie (coord. structure)',
  'Libellé Voie (coord. structure)',
  'Mention distribution (coord. structure)',
  'Bureau cedex (coord. structure)',
  'Code postal (coord. structure)',
  'Code commune (coord. structure)',
  'Libellé commune (coord. structure)',
  'Code pays (coord. structure)',
  'Libellé pays (coord. structure)',
  'Téléphone (coord. structure)',
  'Téléphone 2 (coord. structure)',
  'Télécopie (coord. structure)',
  'Adresse e-mail (coord. structure)',
  'Code Département (structure)',
  'Libellé Département (structure)',
  'Ancien identifiant de la structure',
  "Autorité d'enregistrement",
  "Code secteur d'activité",
  "Libellé secteur d'activité",
  'Code section tableau pharmaciens',
  'Libellé section tableau pharmaciens',
] as const;

/** The header of PS_LibreAcces_SavoirFaire: one row per person × savoir-faire. */
export const savoirFaireHeader = [
  "Type d'identifiant PP",
  'Identifiant PP',
  'Identification nationale PP',
  "Nom d'exercice",
  "Prénom d'exercice",
  'Code profession',
  'Libellé profession',
  'Code catégorie professionnelle',
  'Libellé catégorie professionnelle',
  'Code type savoir-faire',
  'Libellé type savoir-faire',
  'Code savoir-faire',
  'Libellé savoir-faire',
] as const;

/** « Libellé Voie (coord. Structure) » → « libelle voie (coord. structure) »: case, accents, spaces. */
export function headerKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[’']/g, "'")
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** The fields the import reads, each with the header names it has been published under. */
export const personFields = {
  idType: ["Type d'identifiant PP"],
  rpps: ['Identifiant PP'],
  nationalId: ['Identification nationale PP'],
  civility: ["Libellé civilité d'exercice", 'Libellé civilité exercice', 'Libellé civilité'],
  lastName: ["Nom d'exercice"],
  firstName: ["Prénom d'exercice"],
  profession: ['Code profession'],
  savoirFaire: ['Code savoir-faire'],
  siret: ['Numéro SIRET site'],
  finess: ['Numéro FINESS site'],
  structureId: ['Identifiant technique de la structure'],
  structureName: ['Raison sociale site'],
  brand: ['Enseigne commerciale site'],
  streetNumber: ['Numéro Voie (coord. structure)'],
  repetition: ['Indice répétition voie (coord. structure)'],
  streetType: ['Libellé type de voie (coord. structure)'],
  street: ['Libellé Voie (coord. structure)'],
  locality: ['Mention distribution (coord. structure)'],
  postcode: ['Code postal (coord. structure)'],
  commune: ['Code commune (coord. structure)'],
  communeName: ['Libellé commune (coord. structure)'],
  phone: ['Téléphone (coord. structure)'],
  email: ['Adresse e-mail (coord. structure)'],
} as const;

export const savoirFaireFields = {
  nationalId: ['Identification nationale PP'],
  savoirFaire: ['Code savoir-faire'],
} as const;

/** Field name → column index, from a header row; the required fields must all be found. */
export function columnsOf<F extends Record<string, readonly string[]>>(
  header: string[],
  fields: F,
  required: (keyof F)[],
): { [K in keyof F]: number } {
  const index = new Map<string, number>();
  header.forEach((name, i) => {
    const key = headerKey(name);
    if (key && !index.has(key)) index.set(key, i);
  });
  const columns = {} as { [K in keyof F]: number };
  const missing: string[] = [];
  for (const field of Object.keys(fields) as (keyof F)[]) {
    const found = fields[field]!.map((name) => index.get(headerKey(name))).find(
      (i) => i !== undefined,
    );
    columns[field] = found ?? -1;
    if (found === undefined && required.includes(field)) missing.push(fields[field]![0]!);
  }
  if (missing.length > 0) throw new ExtractionError(`colonnes absentes : ${missing.join(', ')}`);
  return columns;
}

/** A file that is not an extraction of the public layout (wrong header, empty, unreadable). */
export class ExtractionError extends Error {}
