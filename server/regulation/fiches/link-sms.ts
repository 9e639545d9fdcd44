import { smsBody, type SmsKind } from '../../../ivr-flows/prompts/sms.js';
import type { AppDeps } from '../../platform/deps.js';
import { enqueue } from '../../platform/enqueue.js';
import { queueSms } from '../../sms/queue-sms.js';
import { ficheLinkKey, ficheLinkLifetimeMs, signFicheLink } from './link-token.js';
import { ficheOfCallSid, type CallWithFiche } from './store.js';

/** An unfinished fiche is reminded this long after it was opened. */
export const reminderAfterMs = 2 * 3600_000;

export const ficheReminderJobId = (ficheId: string) => `fiche-reminder-${ficheId}`;

type LinkDeps = Pick<AppDeps, 'db' | 'jobs' | 'logger' | 'now' | 'config' | 'publicUrl'>;

/** The fiche's address with a fresh signed link for its régulateur (72 h). */
export function ficheLinkUrl(
  deps: Pick<LinkDeps, 'config' | 'publicUrl' | 'now'>,
  c: CallWithFiche,
) {
  const token = signFicheLink(ficheLinkKey(deps.config), {
    ficheId: c.fiche!.id,
    professionalId: c.fiche!.regulatorId,
    expiresAt: new Date(deps.now().getTime() + ficheLinkLifetimeMs),
  });
  return `${deps.publicUrl}/calls/${c.call.id}/fiche?token=${token}`;
}

/**
 * Texts the régulateur the link to the fiche (the link SMS or its reminder): the territory, the
 * call's time and the link, nothing of the patient. Once per fiche and kind (dedupe key).
 */
export async function textFicheLink(
  deps: LinkDeps,
  c: CallWithFiche,
  kind: Extract<SmsKind, 'fiche_link' | 'fiche_reminder'>,
): Promise<string | null> {
  const fiche = c.fiche!;
  if (!c.regulator) return null;
  const time = new Intl.DateTimeFormat('fr-FR', {
    timeZone: c.territory.timeZone,
    day: 'numeric',
    month: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(c.call.startedAt);
  return queueSms(deps, {
    territoryId: c.territory.id,
    to: c.regulator.mobile,
    // The line the call came in on: the number the doctor knows the platform by.
    from: c.call.toNumber,
    body: smsBody(kind, 'fr', { territory: c.territory.name, time, link: ficheLinkUrl(deps, c) }),
    kind,
    essential: true,
    callSid: c.call.callSid,
    dedupeKey: `${kind}-${fiche.id}`,
  });
}

/**
 * After the call's end is committed: the link SMS, then the reminder 2 h after the fiche opened.
 * Both idempotent (the SMS's dedupe key, the job's id): a retried status callback or a replayed
 * outbox entry sends nothing twice. A completed fiche gets neither.
 */
export async function handOverFicheLink(deps: LinkDeps, c: CallWithFiche): Promise<void> {
  const fiche = c.fiche;
  if (!fiche || fiche.completedAt) return;
  await textFicheLink(deps, c, 'fiche_link');
  const delay = Math.max(0, fiche.createdAt.getTime() + reminderAfterMs - deps.now().getTime());
  await enqueue(
    deps.jobs,
    'fiche-reminder',
    { ficheId: fiche.id },
    { jobId: ficheReminderJobId(fiche.id), delay },
  );
}

/** The hand-over of the line (call-follow-ups.ts): the call's fiche, if it has one, gets its link. */
export async function handOverFicheOfCall(deps: LinkDeps, callSid: string): Promise<void> {
  const c = await ficheOfCallSid(deps.db.db, callSid);
  if (c) await handOverFicheLink(deps, c);
}
