/** Automatic replies to inbound SMS. French; no health detail; always the emergency number. */
export const smsReplies = {
  stopped:
    'Vous ne recevrez plus de messages de suivi. Les confirmations de rappel restent envoyées. START pour reprendre.',
  started: 'Les messages de suivi sont réactivés. STOP pour les arrêter.',
  better: 'Merci de votre réponse. Bon rétablissement.',
  notBetter: 'Merci. Un médecin de garde va vous rappeler. Si votre état s’aggrave, appelez le 15.',
  /** The territory is regulated by the 15 (centre15 mode): no callback from the line. */
  notBetterDial: (number: string) =>
    `Merci. Pour parler à un médecin, appelez le ${number}. Si votre état s’aggrave, appelez le 15.`,
  unknown:
    "Ce numéro ne lit pas les messages. Pour parler au médecin de garde, appelez ce numéro. En cas d'urgence, appelez le 15 ou le 112 (114 par SMS pour les personnes sourdes).",
  swapOffered: (count: number) =>
    `Votre garde est proposée à ${count} collègue(s). Vous serez prévenu(e) dès qu'elle est prise.`,
  swapNoShift: 'Aucune garde à votre nom ce jour-là. Format : ECHANGE JJ/MM.',
  swapTaken: (when: string, approved: boolean) =>
    `Vous prenez la garde du ${when}.${approved ? '' : ' En attente de validation par la coordination.'}`,
  swapGone: 'Cette garde a déjà été prise ou le code est inconnu.',
  swapTooManyCodes: 'Trop de codes erronés : réessayez dans une heure.',
};
