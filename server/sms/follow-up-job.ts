import { smsBody } from '../../ivr-flows/prompts/sms.js';
import { addDays, localDateOf, localHourMinute } from '../../rota/calendar/local-date.js';
import { wallClockToInstant } from '../../rota/local-time.js';
import type { AppDeps } from '../platform/deps.js';
import { isMobile } from '../platform/phone-numbers.js';
import type { JobPayload } from '../platform/job-payloads.js';
import { platformNumberOf } from '../territories/store.js';
import { queueSms } from './queue-sms.js';
import { callWithTerritory } from './store.js';

/** Next 09:00 local after `after` (the next morning): never between 21:00 and 08:00. */
export function nextMorning(after: Date, timeZone: string): Date {
  const today = localDateOf(after, timeZone);
  const day = localHourMinute(after, timeZone) < 8 * 60 ? today : addDays(today, 1);
  return wallClockToInstant(day, '09:00', timeZone);
}

/** The "how are you" SMS after a connected call; a non-essential message (STOP applies). */
export async function followUp(
  deps: Pick<AppDeps, 'db' | 'jobs' | 'logger'>,
  { callSid }: JobPayload<'follow-up'>,
): Promise<string> {
  const row = await callWithTerritory(deps.db.db, callSid);
  if (!row || row.call.outcome !== 'connected' || !isMobile(row.call.fromNumber))
    return 'not-applicable';
  const from = await platformNumberOf(deps.db.db, row.territory.id);
  if (!from) return 'no-platform-number';
  const id = await queueSms(deps, {
    territoryId: row.territory.id,
    to: row.call.fromNumber,
    from,
    body: smsBody('follow_up', row.call.lang, { territory: row.territory.name }),
    kind: 'follow_up',
    essential: false,
    callSid,
  });
  return id ? 'sent' : 'opted-out';
}
