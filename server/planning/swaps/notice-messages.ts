import type { NoticeKind } from '../../../db/schema/index.js';
import { smsBody } from '../../../ivr-flows/prompts/sms.js';

/** What a swap notice says: names, the shift's date and what to do; never anything medical. */
export interface NoticeFacts {
  kind: NoticeKind;
  event: string;
  when: string;
  offerer: string;
  taker: string;
  code: string;
  /** Where to act on the web (the swaps page, my shifts). */
  link: string;
}

/** The SMS body. */
export function noticeSms(f: NoticeFacts): string {
  switch (f.kind) {
    case 'swap_offer':
      return smsBody('swap_offer', 'fr', { from: f.offerer, when: f.when, code: f.code });
    case 'swap_taken':
      return smsBody('swap_confirmation', 'fr', {
        when: f.when,
        status: `prise par ${f.taker}, en attente de validation`,
      });
    case 'swap_to_approve':
      return `Échange de garde à valider : ${f.when}, de ${f.offerer} à ${f.taker}. ${f.link}`;
    case 'swap_decided':
      return smsBody('swap_confirmation', 'fr', { when: f.when, status: decision(f) });
  }
}

const decision = (f: NoticeFacts) =>
  f.event === 'approved'
    ? `échange validé, ${f.taker} assure la garde`
    : `échange refusé, ${f.offerer} garde la garde`;

/** The e-mail: a subject and a plain text. */
export function noticeEmail(f: NoticeFacts): { subject: string; text: string } {
  const subject = {
    swap_offer: `Échange de garde proposé : ${f.when}`,
    swap_taken: `Votre garde du ${f.when} a été prise`,
    swap_to_approve: `Échange de garde à valider : ${f.when}`,
    swap_decided: `Échange de garde ${f.event === 'approved' ? 'validé' : 'refusé'} : ${f.when}`,
  }[f.kind];
  const what = {
    swap_offer: `${f.offerer} propose sa garde du ${f.when}. Pour la prendre, répondez OUI ${f.code} par SMS au numéro du territoire, ou ouvrez ${f.link}.`,
    swap_taken: `${f.taker} a pris votre garde du ${f.when}. Elle attend la validation d'un responsable.`,
    swap_to_approve: `${f.taker} a pris la garde du ${f.when} proposée par ${f.offerer}. À valider ou refuser : ${f.link}`,
    swap_decided: `Garde du ${f.when} : ${decision(f)}.`,
  }[f.kind];
  return {
    subject,
    text: `Bonjour,\n\n${what}\n\nVous pouvez choisir les avis que vous recevez (SMS ou e-mail) dans « Mon compte ».\n\n— gardeline`,
  };
}

/** "mardi 24 novembre à 20:00", in the territory's time zone. */
export const shiftWhen = (d: Date, timeZone: string) =>
  new Intl.DateTimeFormat('fr-FR', {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
  }).format(d);
