import { UnrecoverableError } from 'bullmq';
import type { AppDeps } from '../platform/deps.js';
import type { JobPayload } from '../platform/job-payloads.js';
import { linkTwilioSid, markSmsFailed, smsById } from './store.js';

/** Twilio errors retrying cannot fix: invalid To, not a mobile, unsubscribed (STOP). */
const permanentTwilioErrors = new Set([21211, 21614, 21610, 21408, 21612]);

type Deps = Pick<AppDeps, 'db' | 'twilio' | 'publicUrl' | 'now'>;

/**
 * Sends one SMS row through Twilio. Idempotent: a row that already has a Twilio sid is not
 * sent again (a worker that died after Twilio answered does not double-text a patient).
 */
export async function sendSms(deps: Deps, { smsId }: JobPayload<'send-sms'>): Promise<string> {
  const db = deps.db.db;
  const sms = await smsById(db, smsId);
  if (!sms) throw new UnrecoverableError(`sms ${smsId} does not exist`);
  if (sms.twilioSid) return sms.twilioSid;
  try {
    const message = await deps.twilio.messages.create({
      to: sms.toNumber,
      from: sms.fromNumber,
      body: sms.body,
      statusCallback: `${deps.publicUrl}/twilio/sms/status`,
    });
    // Link the sid; the status only moves if no status callback got here first.
    await linkTwilioSid(db, smsId, message.sid, deps.now());
    return message.sid;
  } catch (err) {
    const code = twilioErrorCode(err);
    if (code !== null && permanentTwilioErrors.has(code)) {
      await markSmsFailed(db, smsId, code, deps.now());
      throw new UnrecoverableError(`Twilio refused the SMS (error ${code})`);
    }
    throw err;
  }
}

/** The Twilio error code of a RestException, if it is one. */
function twilioErrorCode(err: unknown): number | null {
  if (typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'number')
    return err.code;
  return null;
}
