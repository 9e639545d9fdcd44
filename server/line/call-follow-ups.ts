import { smsBody } from '../../ivr-flows/prompts/sms.js';
import { handOverOrKeep } from '../callbacks/outbox.js';
import { requestCallback } from '../callbacks/store.js';
import type { AppDeps } from '../platform/deps.js';
import { enqueue } from '../platform/enqueue.js';
import { nextMorning } from '../sms/follow-up-job.js';
import { queueSms } from '../sms/queue-sms.js';
import type { Turn } from './turn.js';

/**
 * Stores a callback request (once per call, however often Twilio retries), hands it to the
 * queue, and confirms it by SMS to a mobile. A hidden number is never promised one.
 */
export async function recordCallback(deps: AppDeps, turn: Turn, reason: string): Promise<void> {
  const { line, callSid } = turn;
  const from = turn.params.From;
  const lang = turn.url.state.lang;
  if (!line || !from || turn.flow?.caller.hidden) return;
  const territory = line.territory.territory;
  const { created, callback } = await requestCallback(deps.db.db, {
    territoryId: territory.id,
    serviceId: line.doctorService?.id ?? null,
    callSid,
    patientNumber: from,
    lang,
    reason,
    dueBy: new Date(turn.now.getTime() + territory.settings.callbackDeadlineMinutes * 60_000),
  });
  if (!created) return;
  await handOverOrKeep(deps, callback);
  if (turn.flow?.caller.isMobile) {
    await queueSms(deps, {
      territoryId: territory.id,
      to: from,
      from: line.calledNumber,
      body: smsBody('callback_confirmation', lang, { territory: territory.name }),
      kind: 'callback_confirmation',
      essential: true,
      callSid,
    });
  }
}

/** The pharmacy on duty by SMS, when the caller asked for it. */
export async function sendPharmacyDetails(deps: AppDeps, turn: Turn): Promise<void> {
  const pharmacy = turn.flow?.territory.pharmacy;
  const from = turn.params.From;
  if (!pharmacy || !from || !turn.line) return;
  await queueSms(deps, {
    territoryId: turn.line.territory.territory.id,
    to: from,
    from: turn.line.calledNumber,
    body: smsBody('pharmacy_details', turn.url.state.lang, {
      name: pharmacy.name,
      phone: pharmacy.phone,
    }),
    kind: 'pharmacy_details',
    essential: true,
    callSid: turn.callSid,
  });
}

/** Next-morning follow-up SMS, when the territory enables it and the caller is on a mobile. */
export async function scheduleFollowUp(deps: AppDeps, turn: Turn): Promise<void> {
  const territory = turn.line?.territory.territory;
  if (!territory?.settings.followUpSms || !turn.flow?.caller.isMobile) return;
  const { now, callSid } = turn;
  const delay = nextMorning(now, territory.timeZone).getTime() - now.getTime();
  await enqueue(
    deps.jobs,
    'follow-up',
    { callSid },
    { jobId: `follow-up-${callSid.replace(/:/g, '')}`, delay },
  );
}
