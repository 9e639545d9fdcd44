import type { AppDeps } from '../platform/deps.js';
import { isMobile } from '../platform/phone-numbers.js';
import { serviceOnDuty } from '../line/service-contacts.js';
import { smsBody } from '../../ivr-flows/prompts/sms.js';
import { queueSms } from '../sms/queue-sms.js';
import { markCallbackFailed, type CallbackRow } from './store.js';

type Deps = Pick<AppDeps, 'db' | 'jobs' | 'now' | 'logger'>;

/** After the last round: the request is closed as failed and the patient is told by SMS. */
export async function giveUpCallback(
  deps: Deps,
  request: CallbackRow,
  reason: string,
): Promise<void> {
  const db = deps.db.db;
  await markCallbackFailed(db, request.id, reason, deps.now());
  if (!isMobile(request.patientNumber)) return;
  const onDuty = await serviceOnDuty(db, request.territoryId, request.serviceId, deps.now());
  if (!onDuty?.platformNumber) return;
  await queueSms(deps, {
    territoryId: request.territoryId,
    to: request.patientNumber,
    from: onDuty.platformNumber,
    body: smsBody('callback_missed', request.lang, { territory: onDuty.territory.territory.name }),
    kind: 'callback_missed',
    essential: true,
    callSid: request.callSid,
  });
}
