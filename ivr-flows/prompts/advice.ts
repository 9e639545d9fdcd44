import { spokenNumber } from './catalogue.js';

/**
 * What professionals hear on the professionals' line (advice between professionals): always
 * French, callers and specialists alike are the territory's professionals.
 */
export const advicePrompts = {
  reserved: (territory: string, patientLine: string | null) =>
    `Vous êtes sur la ligne des professionnels de santé du ${territory}. Elle est réservée aux professionnels inscrits à l'annuaire.` +
    (patientLine ? ` Pour la permanence des soins, appelez le ${spokenNumber(patientLine)}.` : '') +
    ' Au revoir.',
  welcome: (territory: string) => `Ligne des professionnels de santé du ${territory}.`,
  choice: (label: string, key: string) => `Pour un avis en ${label.toLowerCase()}, tapez ${key}.`,
  repeat: 'Pour réécouter, tapez 0.',
  noneOpen:
    "Aucune spécialité ne prend d'appel en ce moment. Vous pouvez laisser une demande d'avis : un spécialiste vous rappellera.",
  noneOffered: "Aucun avis spécialisé n'est proposé sur cette ligne pour le moment. Au revoir.",
  notUnderstood: "Ce choix n'est pas proposé.",
  goodbye: 'Au revoir.',
  connecting: (label: string) =>
    `Nous appelons un spécialiste en ${label.toLowerCase()}. Restez en ligne.`,
  tryingNext: "Le spécialiste ne répond pas. Nous essayons d'en joindre un autre.",
  endOfCall: "Fin de l'appel. Au revoir.",
  avisRecorded: (label: string, hours: number) =>
    `Aucun spécialiste n'a pu répondre. Votre demande d'avis en ${label.toLowerCase()} est enregistrée : un spécialiste vous rappellera dans les ${hours} heures. Vous recevez un SMS de confirmation. Au revoir.`,
  avisNotStored:
    "Votre demande d'avis n'a pas pu être enregistrée. Merci de rappeler un peu plus tard. Au revoir.",
  screenSpecialist: (territory: string, label: string) =>
    `Ligne des professionnels du ${territory} : un confrère demande un avis en ${label.toLowerCase()}. Appuyez sur 1 pour répondre.`,
  noKeyPressed: "Aucune touche reçue. L'appel est proposé à un autre spécialiste. Au revoir.",
};
