import { spokenNumber, spokenRegional, type VoiceCatalogue } from './catalogue.js';

/** Calm French, vouvoiement, short sentences: callers are often stressed, on a bad line. */
export const fr: VoiceCatalogue = {
  greeting: (territory) => `Bonjour, vous êtes à la permanence des soins du ${territory}.`,
  emergencyWarning:
    'Si une vie est en danger : douleur dans la poitrine, difficulté à respirer, perte de connaissance, paralysie ou saignement important, raccrochez et appelez le 15 ou le 112. Personnes sourdes ou malentendantes : le 114 par SMS.',
  recordingNotice:
    'Cet appel est enregistré par la plateforme pour la traçabilité des soins, et conservé selon la loi. Vous pouvez exercer vos droits auprès de la CPTS.',
  englishOffer: 'For English, press 9.',
  menuDoctor: 'Pour parler au médecin de garde, tapez 1.',
  menuCrra:
    'Pour être mis en relation avec le médecin régulateur du centre 15, tapez 1 ou restez en ligne.',
  menuDialRegional: (regional) =>
    `Pour joindre un médecin de garde, raccrochez et composez le ${spokenRegional(regional)} : le médecin régulateur vous orientera. Pour réentendre ce conseil, tapez 1.`,
  crraTransfer: 'Nous vous transférons à la régulation médicale du centre 15. Restez en ligne.',
  crraUnreached: (regional) =>
    `La régulation médicale n'a pas pu répondre. Raccrochez et composez le ${spokenRegional(regional)}. Au revoir.`,
  dialRegional: (regional) =>
    `Pour joindre un médecin de garde, raccrochez et composez le ${spokenRegional(regional)} : le médecin régulateur vous orientera. Au revoir.`,
  handoffToCrra:
    'Le médecin vous transfère à la régulation médicale du centre 15. Restez en ligne.',
  crraHandoffEnd: (regional) =>
    `Si la régulation médicale n'a pas pu vous répondre, raccrochez et composez le ${spokenRegional(regional)}. Au revoir.`,
  menuPharmacy: 'Pour la pharmacie de garde, tapez 2.',
  menuCallback: 'Pour être rappelé, tapez 3.',
  menuRepeat: 'Pour réécouter, tapez étoile.',
  notUnderstood: "Je n'ai pas compris votre choix.",
  noInput: "Je n'ai rien entendu.",
  closedHours: (daytime) =>
    `Nous sommes en dehors des heures de garde. Appelez votre médecin traitant.${daytime ? ` Pour un soin non programmé en journée, appelez le ${spokenNumber(daytime)}.` : ''}`,
  closedHoursMenu: 'Pour réécouter, tapez étoile.',
  closedNoCallback:
    "Aucun médecin n'est de garde en ce moment : nous ne pouvons pas vous rappeler. Si votre état s'aggrave, appelez le 15.",
  goodbye: 'Merci de votre appel. Au revoir.',
  call15First:
    "Pour joindre un médecin de garde, appelez d'abord le 15 : le médecin régulateur vous orientera. En cas de doute, le 116 117. Au revoir.",
  regulationOnly:
    'À cette heure-ci, les médecins de garde du territoire ne consultent pas : la permanence est assurée par la régulation médicale. Appelez le 15, ou le 116 117 : le médecin régulateur vous orientera.',
  regulationOnlyMenu: 'Pour réentendre ce message, tapez 1. Pour la pharmacie de garde, tapez 2.',
  pharmacyFromRota: (name, phone) =>
    `La pharmacie de garde est la ${name}, au ${spokenNumber(phone)}.`,
  pharmacy3237: 'Pour connaître la pharmacie de garde la plus proche, appelez le 32 37.',
  pharmacySmsOffer: 'Pour recevoir ces informations par SMS, tapez 1.',
  pharmacySmsSent: 'Vous allez recevoir un SMS. Au revoir.',
  callbackRecorded: (sms) =>
    `Votre demande de rappel est enregistrée. Un médecin de garde vous rappellera au plus vite.${sms ? ' Vous allez recevoir un SMS de confirmation.' : ''} Gardez votre téléphone près de vous. Au revoir.`,
  hiddenNumberNoCallback: 'Votre numéro est masqué : nous ne pouvons pas vous rappeler.',
  connecting: 'Nous appelons le médecin de garde. Restez en ligne.',
  tryingNext: 'Le médecin ne répond pas encore. Nous appelons un autre médecin, restez en ligne.',
  tryingFallback: 'Nous vous mettons en relation avec la permanence. Restez en ligne.',
  nobodyReachedCallback: (sms) =>
    `Aucun médecin n'est disponible à l'instant. Votre demande de rappel est enregistrée : un médecin vous rappellera au plus vite.${sms ? ' Vous allez recevoir un SMS.' : ''} Si votre état s'aggrave, appelez le 15. Au revoir.`,
  nobodyReachedHidden:
    "Aucun médecin n'est disponible à l'instant, et votre numéro masqué ne permet pas de vous rappeler. Rappelez dans quelques minutes. Si votre état s'aggrave, appelez le 15. Au revoir.",
  doctorBusyOffer:
    'Le médecin de garde est en ligne avec un autre patient. Pour patienter, tapez 1. Pour être rappelé, tapez 2.',
  holdPosition: (position) =>
    (position <= 1 ? 'Vous êtes le prochain patient.' : `Vous êtes en position ${position}.`) +
    ' Le médecin vous répondra dès que possible. Restez en ligne.',
  holdMusic: 'Merci de patienter.',
  holdTaken: 'Mise en relation avec le médecin.',
  holdLimitReached:
    "Le médecin de garde est toujours occupé. Nous cherchons quelqu'un d'autre pour vous répondre.",
  endOfCall: 'Merci de votre appel. Au revoir.',
  callbackPatientScreen: (territory) =>
    `Bonjour, ici la permanence des soins du ${territory}. Un médecin vous rappelle, comme vous l'avez demandé. Pour lui parler, tapez 1.`,
  callbackPatientNoKey:
    'Nous n’avons pas reçu de réponse. Un médecin vous rappellera dans quelques minutes. Au revoir.',
};
