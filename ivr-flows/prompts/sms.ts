import type { Lang } from '../types.js';

/**
 * Every SMS gardeline sends. French first, English second when the caller chose English.
 * Never a symptom or any health detail: a message may be read by anyone holding the phone.
 */
export type SmsKind =
  | 'callback_confirmation'
  | 'callback_missed'
  | 'pharmacy_details'
  | 'follow_up'
  | 'shift_reminder'
  | 'swap_offer'
  | 'swap_confirmation'
  | 'gap_alert'
  | 'leave_conflict'
  | 'callback_late'
  | 'fiche_link'
  | 'fiche_reminder'
  | 'consultation_booked'
  | 'consultation_cancelled'
  | 'consultation_none'
  | 'hospital_news'
  | 'hospital_task'
  | 'avis_request'
  | 'avis_confirmation'
  | 'callback_regulated_by_15';

type Params = Record<string, string>;
const texts: Record<SmsKind, (p: Params) => { fr: string; en: string }> = {
  callback_confirmation: (p) => ({
    fr: `${p.territory} : votre demande de rappel est enregistrée. Un médecin de garde vous rappelle au plus vite. Si votre état s'aggrave, appelez le 15.`,
    en: `${p.territory}: your callback request is recorded. A doctor on call will call you back soon. If you get worse, dial 15.`,
  }),
  callback_missed: (p) => ({
    fr: `${p.territory} : nous avons essayé de vous rappeler, sans réponse. Rappelez la permanence si besoin. En cas d'urgence, appelez le 15.`,
    en: `${p.territory}: we tried to call you back, with no answer. Call the line again if needed. In an emergency, dial 15.`,
  }),
  pharmacy_details: (p) => ({
    fr: `Pharmacie de garde : ${p.name}, tél. ${p.phone}.`,
    en: `Pharmacy on duty: ${p.name}, phone ${p.phone}.`,
  }),
  follow_up: (p) => ({
    fr: `${p.territory} : suite à votre appel d'hier, comment allez-vous ? Répondez 1 si ça va mieux, 2 sinon (un médecin vous rappellera). STOP pour ne plus recevoir ces messages.`,
    en: `${p.territory}: after your call yesterday, how are you? Reply 1 if better, 2 if not (a doctor will call you). STOP to opt out.`,
  }),
  shift_reminder: (p) => ({
    fr: `Rappel garde ${p.service} : ${p.when}.`,
    en: `On-call reminder ${p.service}: ${p.when}.`,
  }),
  swap_offer: (p) => ({
    fr: `Échange de garde proposé par ${p.from} : ${p.when}. Répondez OUI ${p.code} pour la prendre.`,
    en: `Shift swap offered by ${p.from}: ${p.when}. Reply OUI ${p.code} to take it.`,
  }),
  swap_confirmation: (p) => ({
    fr: `Échange de garde : ${p.when}, ${p.status}.`,
    en: `Shift swap: ${p.when}, ${p.status}.`,
  }),
  gap_alert: (p) => ({
    fr: `${p.territory} : ${p.count} créneau(x) de garde sans médecin dans les 14 jours. Voir le planning.`,
    en: `${p.territory}: ${p.count} uncovered shift(s) in the next 14 days.`,
  }),
  // No name, no reason: only that the rota needs someone; the page says who and when.
  leave_conflict: (p) => ({
    fr: `${p.territory} : une indisponibilité vient d'être déclarée sur ${p.count} garde(s) attribuée(s). Il faut les remplacer : voir le planning.`,
    en: `${p.territory}: leave was just recorded over ${p.count} assigned shift(s). See the rota.`,
  }),
  callback_late: (p) => ({
    fr: `${p.territory} : un rappel patient attend depuis plus de ${p.minutes} min. Merci de le prendre en charge.`,
    en: `${p.territory}: a patient callback has waited over ${p.minutes} min.`,
  }),
  // To the régulateur after a call: the call's time and a signed link, nothing of the patient.
  fiche_link: (p) => ({
    fr: `${p.territory} : fiche de régulation à compléter pour votre appel de ${p.time}. ${p.link}`,
    en: `${p.territory}: please complete the regulation form of your call at ${p.time}. ${p.link}`,
  }),
  fiche_reminder: (p) => ({
    fr: `${p.territory} : rappel, la fiche de régulation de votre appel de ${p.time} n'est pas encore remplie. ${p.link}`,
    en: `${p.territory}: reminder, the regulation form of your call at ${p.time} is not filled in yet. ${p.link}`,
  }),
  // The time and the address only: no reason, no doctor, no service name (anyone may read it).
  consultation_booked: (p) => ({
    fr: `${p.territory} : rendez-vous ${p.day} à ${p.time}, ${p.place}. Pour annuler, répondez ANNULER. En cas d'urgence, appelez le 15.`,
    en: `${p.territory}: appointment ${p.dayEn} at ${p.time}, ${p.place}. To cancel, reply ANNULER. In an emergency, dial 15.`,
  }),
  consultation_cancelled: (p) => ({
    fr: `${p.territory} : votre rendez-vous ${p.day} à ${p.time} est annulé. Si besoin, rappelez la permanence. En cas d'urgence, appelez le 15.`,
    en: `${p.territory}: your appointment ${p.dayEn} at ${p.time} is cancelled. Call the line again if needed. In an emergency, dial 15.`,
  }),
  consultation_none: () => ({
    fr: "Aucun rendez-vous à venir n'est enregistré pour ce numéro. Pour parler au médecin de garde, appelez la permanence. En cas d'urgence, appelez le 15.",
    en: 'No upcoming appointment is booked for this number. To speak to the doctor on call, call the line. In an emergency, dial 15.',
  }),
  // To a professional about a patient in hospital: only that there is something to read, and
  // where. No name, no unit, no hospital, nothing medical: the details go by MSSanté or the app.
  hospital_news: (p) => ({
    fr: `gardeline : du nouveau vous concerne. À lire sur ${p.link}`,
    en: `gardeline: there is news for you. Read it at ${p.link}`,
  }),
  hospital_task: (p) => ({
    fr: `gardeline : une tâche vous a été confiée. À lire sur ${p.link}`,
    en: `gardeline: a task was given to you. Read it at ${p.link}`,
  }),
  // Professionals' line: who to call back and by when; never the specialty asked or the patient.
  avis_request: (p) => ({
    fr: `${p.territory} : ${p.from} vous a demandé un avis par la ligne des professionnels. Merci de le rappeler au ${p.phone} avant le ${p.deadline}.`,
    en: `${p.territory}: ${p.from} asked for your advice on the professionals' line. Please call back on ${p.phone} before ${p.deadline}.`,
  }),
  avis_confirmation: (p) => ({
    fr: `${p.territory} : votre demande d'avis est enregistrée. Un spécialiste vous rappelle avant le ${p.deadline}.`,
    en: `${p.territory}: your request for advice is recorded. A specialist will call you back before ${p.deadline}.`,
  }),
  // A callback the line may no longer make: the territory is regulated by the 15 (centre15 mode).
  callback_regulated_by_15: (p) => ({
    fr: `${p.territory} : nous ne pouvons pas vous rappeler. Pour parler à un médecin, appelez le ${p.number}. En cas d'urgence, appelez le 15.`,
    en: `${p.territory}: we cannot call you back. To speak to a doctor, dial ${p.number}. In an emergency, dial 15.`,
  }),
};

/** Every kind of the catalogue (the SMS texts test renders each one). */
export const smsKinds = Object.keys(texts) as SmsKind[];

/** The body of one SMS: French, then English when the person speaks English. */
export function smsBody(kind: SmsKind, lang: Lang | string, params: Params): string {
  const text = texts[kind](params);
  return lang === 'en' ? `${text.fr}\n${text.en}` : text.fr;
}
