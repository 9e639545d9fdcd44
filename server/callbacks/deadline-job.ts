import { smsBody } from '../../ivr-flows/prompts/sms.js';
import type { AppDeps } from '../platform/deps.js';
import { serviceOnDuty } from '../line/service-contacts.js';
import type { JobPayload } from '../platform/job-payloads.js';
import { queueSms } from '../sms/queue-sms.js';
import { callbackById } from './store.js';

/**
 * A callback still open at its deadline: the backup on duty (and every contact after the
 * primary) gets an SMS so that a second person takes it. No patient detail in the text.
 */
export async function callbackDeadline(
  deps: Pick<AppDeps, 'db' | 'jobs' | 'now' | 'logger'>,
  { callbackId }: JobPayload<'callback-deadline'>,
): Promise<string> {
  const request = await callbackById(deps.db.db, callbackId);
  if (!request || !['pending', 'in_progress'].includes(request.status)) return 'done-in-time';
  const onDuty = await serviceOnDuty(
    deps.db.db,
    request.territoryId,
    request.serviceId,
    deps.now(),
  );
  if (!onDuty?.platformNumber) return 'no-platform-number';
  const minutes = String(onDuty.territory.territory.settings.callbackDeadlineMinutes);
  const backups = onDuty.contacts.slice(1);
  for (const contact of backups) {
    await queueSms(deps, {
      territoryId: request.territoryId,
      to: contact.phone,
      from: onDuty.platformNumber,
      body: smsBody('callback_late', 'fr', { territory: onDuty.territory.territory.name, minutes }),
      kind: 'callback_late',
      essential: true,
    });
  }
  return `alerted ${backups.length}`;
}
