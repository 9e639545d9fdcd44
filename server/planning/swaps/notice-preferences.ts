import { z } from 'zod';
import { noticeKinds, type NoticeKind } from '../../../db/schema/index.js';
import type { Actor } from '../../access/actor.js';
import { auditActorOf } from '../../access/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { AppDeps } from '../../platform/deps.js';
import { html, type Html } from '../../web/html.js';
import { defaultPreference, preferencesOf, savePreference } from './notices-store.js';

const labels: Record<NoticeKind, string> = {
  swap_offer: 'Un collègue propose une garde que je peux prendre',
  swap_taken: 'Ma garde proposée a été prise',
  swap_decided: 'Un échange qui me concerne est validé ou refusé',
  swap_to_approve: 'Un échange attend ma validation',
};

/** The notices that concern this person: a professional's swaps, a manager's approvals. */
export const noticeKindsOf = (actor: Actor): NoticeKind[] => [
  ...(actor.professionalId ? (['swap_offer', 'swap_taken', 'swap_decided'] as const) : []),
  ...(actor.role === 'manager' ? (['swap_to_approve'] as const) : []),
];

/** The "Mes avis" section of the account page (empty for whoever gets no notice). */
export async function noticePreferencesSection(
  deps: Pick<AppDeps, 'db'>,
  actor: Actor,
  hidden: Html,
): Promise<Html | string> {
  const kinds = noticeKindsOf(actor);
  if (!kinds.length) return '';
  const chosen = await preferencesOf(deps.db.db, actor.userId);
  const box = (kind: NoticeKind, channel: 'sms' | 'email', label: string) => {
    const on = (chosen.get(kind) ?? defaultPreference)[channel];
    const id = `n-${kind}-${channel}`;
    return html`<input type="checkbox" id="${id}" name="${kind}" value="${channel}"${on ? html` checked` : ''}><label for="${id}" class="inline">${label}</label>`;
  };
  return html`<form method="post" action="/account/notices" class="card mw-28 notice-preferences"><h2>Mes avis d’échange de garde</h2>${hidden}
<p class="hint">Sans mobile connu, un avis par SMS arrive par e-mail, et inversement. Aucun SMS entre 21 h et 8 h : il part à 9 h.</p>
${kinds.map((k) => html`<fieldset><legend>${labels[k]}</legend>${box(k, 'sms', 'par SMS')} ${box(k, 'email', 'par e-mail')}</fieldset>`)}
<p><button type="submit">Enregistrer mes choix</button></p></form>`;
}

const channels = z
  .union([z.enum(['sms', 'email']), z.array(z.enum(['sms', 'email']))])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));
const choices = z.object(Object.fromEntries(noticeKinds.map((k) => [k, channels])));

/** Saves the person's choices for the notices that concern them (an unticked box is "no"). */
export async function saveNoticePreferences(
  deps: Pick<AppDeps, 'db'>,
  actor: Actor,
  body: unknown,
): Promise<void> {
  const parsed = choices.parse(body ?? {}) as Record<NoticeKind, ('sms' | 'email')[]>;
  await deps.db.db.transaction(async (tx) => {
    const after: Record<string, { sms: boolean; email: boolean }> = {};
    for (const kind of noticeKindsOf(actor)) {
      after[kind] = { sms: parsed[kind].includes('sms'), email: parsed[kind].includes('email') };
      await savePreference(tx, actor.userId, kind, after[kind]);
    }
    await recordAudit(tx, auditActorOf(actor), {
      action: 'notices.choose',
      entity: 'user',
      entityId: actor.userId,
      after,
    });
  });
}
