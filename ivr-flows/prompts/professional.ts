import { spokenNumber } from './catalogue.js';

/** What on-call professionals hear on their mobile: always French. */
export const professionalPrompts = {
  screenPatient: (territory: string) =>
    `Appel d'un patient de la plateforme de garde du ${territory}. Appuyez sur 1 pour répondre.`,
  screenCallback: (territory: string) =>
    `Rappel d'un patient de la plateforme de garde du ${territory}. Appuyez sur 1 pour appeler le patient.`,
  screenQueue: (territory: string) =>
    `Un patient vous attend sur la plateforme de garde du ${territory}. Appuyez sur 1 pour le prendre.`,
  noKeyPressed: "Aucune touche reçue. L'appel est proposé à un autre médecin. Au revoir.",
  alreadyBridged:
    "Vous êtes déjà en ligne avec un patient de la plateforme. L'appel est proposé à un autre médecin. Au revoir.",
  queueEmpty: "Le patient qui attendait n'est plus en ligne. Merci, au revoir.",
  connectingPatient: 'Mise en relation avec le patient.',
  patientNoAnswer:
    'Le patient ne répond pas. Nous vous rappellerons pour un nouvel essai. Au revoir.',
  patientGaveUp: "Le patient n'a pas répondu après trois essais ; il a reçu un SMS. Au revoir.",
  spokenNumber,
};
