/**
 * What a coordinator reads about calls, in French: outcomes, callback states, the sentences of a
 * call's path, and Twilio's statuses (the Démo page). The internal codes (`route_fallback`,
 * `not_accepted`, levels) never reach a page: an unknown code reads as a neutral phrase.
 */

/** A call's outcome (call_records.outcome), as the call log shows and filters it. */
export const outcomeLabels: Record<string, string> = {
  connected: 'mis en relation',
  fallback: 'permanence',
  callback: 'rappel demandé',
  abandoned: 'raccroché avant réponse',
  hung_up_after_warning: 'raccroché après l’avertissement',
  call_15_first: 'orienté vers le 15',
  pharmacy_info: 'pharmacie',
  closed_hours: 'hors horaires',
};
export const outcomeInProgress = 'en cours';

export const callbackStates: Record<string, string> = {
  pending: 'en attente',
  in_progress: 'en cours',
  done: 'fait',
  failed: 'échec',
  cancelled: 'annulé',
};

/** The menu keys the caller can press, as what they asked for. */
const menuKeys: Record<string, string> = {
  '1': 'demande à parler au médecin de garde',
  '2': 'demande la pharmacie de garde',
  '3': 'demande à être rappelé',
  '9': 'passe en anglais',
  '*': 'réécoute le menu',
};

export const pathWords = {
  menuKey: (digits: string) => menuKeys[digits.slice(0, 1)] ?? `touche ${digits} non reconnue`,
  menuSilent: 'pas de choix au menu',
  /** Visits worth a sentence; the others (a ring says more) are left out. */
  visits: {
    greeting: 'appel reçu, message d’accueil',
    safe_default: 'sans choix au menu : suite par défaut',
    doctor_busy: 'médecin de garde déjà en ligne : attente ou rappel proposés',
    hold: 'en attente du médecin',
    hold_limit: 'attente maximale atteinte',
    hold_taken: 'pris en ligne par le médecin depuis l’attente',
    busy_callback: 'demande à être rappelé plutôt que d’attendre',
    callback: 'demande de rappel enregistrée',
    callback_hidden: 'numéro masqué : pas de rappel possible',
    callback_closed: 'hors horaires, personne de garde : pas de rappel possible',
    regulation_only: 'heure de régulation seule : orienté vers le 15 ou le 116 117',
    nobody_reached: 'personne n’a décroché',
    pharmacy: 'informations de la pharmacie de garde données',
    regulation_centre15: 'régulation par le centre 15 : aucun médecin appelé directement',
    crra_transfer: 'transféré au centre 15 (CRRA)',
    crra_answered: 'le centre 15 a répondu',
    crra_unreached: 'centre 15 injoignable : invité à raccrocher et composer le 15 ou le 116 117',
    crra_handoff: 'le régulateur a passé l’appel au centre 15 (CRRA)',
  } as Record<string, string>,
  /** "appel du Dr Anne Le Goff", "appel de Anne Le Goff (renfort)", "ligne de permanence". */
  ring: (name: string | null, level: unknown, fallback: boolean) => {
    if (fallback) return 'ligne de permanence';
    if (!name) return 'appel du médecin de garde';
    const who = /^Dr\.? /.test(name) ? `du ${name}` : `de ${name}`;
    return typeof level === 'number' && level > 1 ? `appel ${who} (renfort)` : `appel ${who}`;
  },
  /** What came of a ring (its ring_result, or the keypress). */
  ringResults: {
    accepted: 'décroché',
    'no-answer': 'pas de réponse',
    busy: 'occupé',
    failed: 'appel impossible',
    canceled: 'l’appelant a raccroché pendant la sonnerie',
    not_accepted: 'répondeur ou pas d’appui sur 1',
  } as Record<string, string>,
  ringUnknown: 'sans suite',
  keypressAccepted: 'décroché, accepté par appui sur 1',
  end: (duration: string | null) => (duration ? `fin de l’appel (${duration})` : 'fin de l’appel'),
};

/** Twilio's call statuses (the emulator's state on the Démo page). */
export const callStatusLabels: Record<string, string> = {
  queued: 'en file',
  ringing: 'sonne',
  'in-progress': 'en cours',
  completed: 'terminé',
  busy: 'occupé',
  'no-answer': 'pas de réponse',
  failed: 'échec',
  canceled: 'annulé',
};

/** Twilio's SMS statuses. */
export const smsStatusLabels: Record<string, string> = {
  accepted: 'accepté',
  queued: 'en file',
  sending: 'en cours d’envoi',
  sent: 'envoyé',
  delivered: 'remis',
  undelivered: 'non remis',
  failed: 'échec',
  received: 'reçu',
  receiving: 'en réception',
  read: 'lu',
};

/** A status in French; an unknown one is shown as "autre (code)" rather than as a bare code. */
export const statusLabel = (labels: Record<string, string>, status: string) =>
  labels[status] ?? `autre (${status})`;
