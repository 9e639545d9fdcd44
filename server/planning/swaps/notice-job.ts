import { UnrecoverableError } from 'bullmq';
import { mailer } from '../../access/accounts/delivery.js';
import type { AppDeps } from '../../platform/deps.js';
import type { JobPayload } from '../../platform/job-payloads.js';
import { queueSms } from '../../sms/queue-sms.js';
import { platformNumberOf } from '../../territories/store.js';
import { noticeEmail, noticeSms, shiftWhen, type NoticeFacts } from './notice-messages.js';
import {
  addressesOfProfessionals,
  addressesOfUsers,
  markNoticeDone,
  noticeById,
} from './notices-store.js';
import { professionalNames, swapWithShift } from './store.js';

type Deps = Pick<AppDeps, 'db' | 'jobs' | 'logger' | 'now' | 'config' | 'publicUrl'>;

/**
 * Delivers one swap notice by its channel. Idempotent: a notice already delivered is not sent
 * again (an SMS also carries the notice's dedupe key). An offer that a colleague has taken
 * meanwhile (it waited for the morning) is not sent: it would offer what is gone.
 */
export async function deliverNotice(deps: Deps, { noticeId }: JobPayload<'swap-notice'>) {
  const db = deps.db.db;
  const notice = await noticeById(db, noticeId);
  if (!notice) throw new UnrecoverableError(`notice ${noticeId} does not exist`);
  if (notice.sentAt) return notice.outcome;
  const row = await swapWithShift(db, notice.swapId);
  if (!row) throw new UnrecoverableError(`swap of notice ${noticeId} does not exist`);
  const done = async (outcome: string) => {
    await markNoticeDone(db, noticeId, outcome, deps.now());
    return outcome;
  };
  if (notice.kind === 'swap_offer' && row.swap.status !== 'offered') return done('stale');
  const address = notice.professionalId
    ? (await addressesOfProfessionals(db, [notice.professionalId])).get(notice.professionalId)
    : (await addressesOfUsers(db, [notice.userId!])).get(notice.userId!);
  const ids = [row.swap.offeredBy, ...(row.swap.takenBy ? [row.swap.takenBy] : [])];
  const names = await professionalNames(db, ids);
  const facts: NoticeFacts = {
    kind: notice.kind,
    event: notice.event,
    when: shiftWhen(row.shift.startsAt, row.territory.timeZone),
    offerer: names.get(row.swap.offeredBy) ?? '',
    taker: (row.swap.takenBy && names.get(row.swap.takenBy)) || 'un collègue',
    code: row.swap.code,
    link: `${deps.publicUrl}${notice.kind === 'swap_to_approve' ? '/swaps' : '/me'}`,
  };
  if (notice.channel === 'sms') {
    const from = await platformNumberOf(db, row.territory.id);
    if (!address?.mobile || !from) return done('no_address');
    await queueSms(deps, {
      territoryId: row.territory.id,
      to: address.mobile,
      from,
      body: noticeSms(facts),
      kind: notice.kind,
      // Work messages a professional relies on for the rota: STOP is for patients' follow-ups.
      essential: true,
      dedupeKey: `notice-${notice.id}`,
    });
    return done('sent');
  }
  if (!address?.email || !deps.config.SMTP_URL) return done('no_address');
  const mail = noticeEmail(facts);
  try {
    await mailer(deps.config.SMTP_URL).sendMail({
      from: deps.config.MAIL_FROM,
      to: address.email,
      subject: mail.subject,
      text: mail.text,
    });
  } catch (err) {
    // Retried by the queue; the server's answer may quote the address, which stays out of logs.
    const code = (err as { responseCode?: number }).responseCode ?? 'no answer';
    throw new Error(`notice e-mail not sent (SMTP ${code})`);
  }
  return done('sent');
}
