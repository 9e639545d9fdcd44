import { smsBody } from '../../ivr-flows/prompts/sms.js';
import type { AppDeps } from '../platform/deps.js';
import { isMobile } from '../platform/phone-numbers.js';
import { queueSms } from '../sms/queue-sms.js';
import { platformNumberOf, territoryById } from '../territories/store.js';
import { markCallbackCancelled, type CallbackRow } from './store.js';

type Deps = Pick<AppDeps, 'db' | 'jobs' | 'now' | 'logger'>;

/** The number a patient of a centre15 territory dials for a doctor: 116 117 or the 15. */
export const numberToDial = (regional: string | null | undefined) =>
  regional === '116117' ? '116 117' : '15';

/**
 * A callback of a territory regulated by the 15 (it switched to centre15 while the request was
 * pending): the line rings no doctor (R6315-3). The request is cancelled, and the patient is told
 * by SMS to dial the regulation number. True when the request was closed so.
 */
export async function cancelIfCentre15(deps: Deps, request: CallbackRow): Promise<boolean> {
  const db = deps.db.db;
  const territory = await territoryById(db, request.territoryId);
  if (territory?.regulationMode !== 'centre15') return false;
  await markCallbackCancelled(
    db,
    request.id,
    'territory regulated by the 15 (centre15)',
    deps.now(),
  );
  const from = await platformNumberOf(db, request.territoryId);
  if (!from || !isMobile(request.patientNumber)) return true;
  await queueSms(deps, {
    territoryId: request.territoryId,
    to: request.patientNumber,
    from,
    body: smsBody('callback_regulated_by_15', request.lang, {
      territory: territory.name,
      number: numberToDial(territory.regionalRegulationNumber),
    }),
    kind: 'callback_regulated_by_15',
    essential: true,
    callSid: request.callSid,
    dedupeKey: `callback-centre15:${request.id}`,
  });
  return true;
}
