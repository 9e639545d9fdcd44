import { smsBody } from '../../../ivr-flows/prompts/sms.js';
import { smtpFailure } from './mssante.js';
import type { AppDeps } from '../../platform/deps.js';
import { queueSms } from '../../sms/queue-sms.js';
import { platformNumberOf } from '../../territories/store.js';
import { itemById } from '../checklist-store.js';
import { entryById, stayById } from '../store.js';
import { stayNoticeEmail } from './messages.js';
import { sendByMssante } from './mssante.js';
import {
  claimEmail,
  noticeById,
  setEmailStatus,
  setSmsStatus,
  type NoticeRow,
} from './notice-store.js';

type Deps = Pick<AppDeps, 'db' | 'jobs' | 'logger' | 'now' | 'config' | 'publicUrl'>;

/** A claimed e-mail not finished within this is taken again (its worker died mid-send). */
const claimLapseMs = 5 * 60_000;

/**
 * Delivers one notice by each channel still pending: the MSSanté e-mail with the details, the SMS
 * that only says there is news. Each channel goes once (a claim for the e-mail, the SMS's dedupe
 * key). Throws when the MSSanté operator refuses for now: the job (or the sweep) tries again.
 */
export async function deliverStayNotice(deps: Deps, noticeId: string): Promise<void> {
  const db = deps.db.db;
  const notice = await noticeById(db, noticeId);
  if (!notice) return;
  const [stay, recipient] = await Promise.all([
    stayById(db, notice.stayId),
    entryById(db, notice.recipientEntryId),
  ]);
  if (!stay || !recipient) return;
  const item = notice.kind === 'assignment' ? await itemOfNotice(deps, notice) : null;
  const link = `${deps.publicUrl}/my-patients`;
  if (notice.smsStatus === 'pending') await sendSms(deps, notice, recipient.mobile, link);
  if (notice.emailStatus === 'pending' || notice.emailStatus === 'sending') {
    if (!recipient.mssante || !deps.config.MSSANTE_SMTP_URL)
      return void (await setEmailStatus(db, notice.id, 'skipped'));
    const now = deps.now();
    if (!(await claimEmail(db, notice.id, now, new Date(now.getTime() - claimLapseMs)))) return;
    try {
      const pageLink = `${deps.publicUrl}/hospital/stays/${stay.id}`;
      await sendByMssante(
        deps.config,
        recipient.mssante,
        stayNoticeEmail(notice.kind, stay, pageLink, item),
      );
    } catch (err) {
      const failure = smtpFailure(err);
      // A 5xx is the operator's final word (unknown mailbox): retrying cannot help.
      const permanent = Number(failure.responseCode) >= 500;
      await setEmailStatus(db, notice.id, permanent ? 'failed' : 'pending');
      deps.logger.warn({ noticeId: notice.id, err: failure }, 'MSSanté notice not sent');
      if (permanent) return;
      // The operator's text may quote the address: the job's failure log gets the codes only.
      throw new Error(
        `MSSanté notice not sent yet (${failure.code ?? failure.responseCode ?? 'no code'})`,
      );
    }
    await setEmailStatus(db, notice.id, 'sent', deps.now());
  }
}

// The item is named in the notice's dedupe key (`assignment:<item>:<entry>`).
async function itemOfNotice(deps: Deps, notice: NoticeRow) {
  const itemId = notice.dedupeKey.split(':')[1];
  return itemId ? itemById(deps.db.db, itemId) : null;
}

async function sendSms(deps: Deps, notice: NoticeRow, mobile: string | null, link: string) {
  const db = deps.db.db;
  const from = mobile ? await platformNumberOf(db, notice.territoryId) : null;
  if (!mobile || !from) return void (await setSmsStatus(db, notice.id, 'skipped'));
  // Not essential: a professional who sent STOP to the line gets the e-mail and the page only.
  const smsId = await queueSms(deps, {
    territoryId: notice.territoryId,
    to: mobile,
    from,
    body: smsBody(notice.kind === 'assignment' ? 'hospital_task' : 'hospital_news', 'fr', {
      link,
    }),
    kind: notice.kind === 'assignment' ? 'hospital_task' : 'hospital_news',
    essential: false,
    dedupeKey: `stay-notice-${notice.id}`,
  });
  await setSmsStatus(db, notice.id, smsId ? 'sent' : 'skipped', smsId);
}
