import type { AppDeps } from '../platform/deps.js';
import { serviceOnDuty } from '../line/service-contacts.js';
import { callbackJobId, enqueue } from '../platform/enqueue.js';
import type { JobPayload } from '../platform/job-payloads.js';
import { giveUpCallback } from './give-up-job.js';
import { cancelIfCentre15 } from './centre15-callback.js';
import { callbackPath } from '../../ivr-flows/call-url.js';
import { callbackById, claimAttempt, markRinging } from './store.js';

/** Rounds of tries before the patient gets "we tried to call you back". */
export const maxCallbackRounds = 3;
export const roundDelayMs = 5 * 60_000;

type Deps = Pick<AppDeps, 'db' | 'jobs' | 'twilio' | 'publicUrl' | 'now' | 'logger'>;

/**
 * Rings the on-duty professional of a callback request; their keypress bridges them to the
 * patient (see callbacks/webhooks.ts). The (callback, round, contact) row is claimed
 * before dialling, so a retried or restarted job never rings the same person twice.
 */
export async function runCallback(deps: Deps, payload: JobPayload<'callback'>): Promise<string> {
  const { callbackId, attempt, contactIndex } = payload;
  const db = deps.db.db;
  const request = await callbackById(db, callbackId);
  if (!request || ['done', 'failed', 'cancelled'].includes(request.status)) return 'closed';
  if (await cancelIfCentre15(deps, request)) return 'centre15';

  const now = deps.now();
  const onDuty = await serviceOnDuty(db, request.territoryId, request.serviceId, now);
  const contact = onDuty?.contacts[contactIndex];
  if (!onDuty || !contact || !onDuty.platformNumber) {
    // Nobody left to ring in this round: try the whole list again later, then give up.
    if (attempt >= maxCallbackRounds) {
      await giveUpCallback(deps, request, 'no professional accepted');
      return 'gave-up';
    }
    await enqueue(
      deps.jobs,
      'callback',
      { callbackId, attempt: attempt + 1, contactIndex: 0 },
      { jobId: callbackJobId(callbackId, attempt + 1, 0), delay: roundDelayMs },
    );
    return 'next-round';
  }

  const key = { callbackId, attempt, contactIndex };
  const claim = await claimAttempt(db, key, contact.professionalId);
  // Already dialled by an earlier run of this job (its SID stored by the job or by the
  // 'initiated' status webhook): never ring twice. No SID: Twilio never had that call.
  if (!claim.claimed && claim.callSid) return 'already-rang';

  const ref = { callback: callbackId, round: attempt, contact: contactIndex };
  const call = await deps.twilio.calls.create({
    to: contact.phone,
    from: onDuty.platformNumber,
    url: `${deps.publicUrl}${callbackPath('screen', ref)}`,
    statusCallback: `${deps.publicUrl}${callbackPath('status', ref)}`,
    // 'initiated' reaches us as soon as Twilio has the call, even if this worker dies before
    // calls.create returns: the status webhook then records the SID, and a restarted job finds it.
    statusCallbackEvent: ['initiated', 'completed'],
    timeout: 20,
  });
  await markRinging(db, key, call.sid, contact.professionalId, deps.now());
  return call.sid;
}
