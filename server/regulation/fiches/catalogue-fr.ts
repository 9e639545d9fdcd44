/**
 * The fiche de régulation's words, in French (what the régulateur reads and picks). The codes are
 * stored; the labels may be reworded without touching a fiche. A short list of the usual reasons
 * for a night call to the PDSA, then "autre" with the free text.
 */
export const reasonLabels = {
  fievre: 'Fièvre',
  douleur_abdominale: 'Douleur abdominale',
  douleur_thoracique: 'Douleur thoracique',
  gene_respiratoire: 'Gêne respiratoire, toux',
  orl: 'Mal de gorge, otite, ORL',
  digestif: 'Vomissements, diarrhée',
  traumatisme: 'Traumatisme, plaie, chute',
  cutane: 'Éruption, problème de peau',
  urinaire: 'Troubles urinaires',
  psychique: 'Angoisse, trouble psychique',
  renouvellement: 'Renouvellement ou question de traitement',
  pediatrie: 'Nourrisson, enfant',
  autre: 'Autre (préciser)',
} as const;
export type ReasonCode = keyof typeof reasonLabels;
export const reasonCodes = Object.keys(reasonLabels) as [ReasonCode, ...ReasonCode[]];

/** The decisions of db/schema/regulation.ts, as the régulateur reads them. */
export const decisionLabels = {
  medical_advice: 'Conseil médical',
  mmg_consultation: 'Consultation à la maison médicale de garde',
  home_visit: 'Visite à domicile',
  pharmacy: 'Orientation vers la pharmacie',
  samu_transfer: 'Transfert au 15 / SMUR',
  emergency_department: 'Orientation vers les urgences',
} as const;
export type Decision = keyof typeof decisionLabels;
export const decisions = Object.keys(decisionLabels) as [Decision, ...Decision[]];

/** Refusals of the fiche's links and writes, in French first. */
export const ficheRefusals = {
  linkTampered:
    'Ce lien n’est pas valable (il a été modifié ou tronqué). Connectez-vous et ouvrez la fiche depuis « Mes appels ». This link is not valid.',
  linkExpired:
    'Ce lien a expiré. Connectez-vous et ouvrez la fiche depuis « Mes appels ». This link has expired.',
  linkWrongDoctor:
    'Ce lien a été envoyé à un autre médecin : il ne donne pas accès à cette fiche. This link was sent to another doctor.',
  notRegulator:
    'Seul le médecin régulateur de cet appel peut remplir sa fiche. Only the regulating doctor may fill in this form.',
  notReader:
    'Cette fiche n’est lisible que par le médecin régulateur et la coordination du territoire. Not allowed.',
  locked:
    'La fiche ne se modifie plus (24 h après l’appel) : ajoutez un addendum. The form is locked: add an addendum.',
  notLocked:
    'La fiche est encore modifiable : corrigez-la directement, l’addendum vient après 24 h. Edit the form instead.',
} as const;
