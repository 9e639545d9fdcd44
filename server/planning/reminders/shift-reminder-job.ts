import { and, eq, inArray } from 'drizzle-orm';
import { professionals, services, shifts, territories } from '../../../db/schema/index.js';
import { smsBody } from '../../../ivr-flows/prompts/sms.js';
import type { AppDeps } from '../../platform/deps.js';
import { enqueue } from '../../platform/enqueue.js';
import type { JobPayload } from '../../platform/job-payloads.js';
import { queueSms } from '../../sms/queue-sms.js';
import { platformNumberOf } from '../../territories/store.js';

const leadTimes = { 'day-before': 24 * 3600_000, 'two-hours': 2 * 3600_000 } as const;
type When = keyof typeof leadTimes;

/** The job id carries the shift's version: a moved shift gets new jobs, the old ones find a stale version and stop. */
export const reminderJobId = (shiftId: string, version: number, when: When) =>
  `reminder-${shiftId}-v${version}-${when}`;

/** Schedules (again) the two reminders of each shift; idempotent per shift version. */
export async function scheduleShiftReminders(
  deps: Pick<AppDeps, 'db' | 'jobs' | 'now'>,
  shiftIds: string[],
): Promise<number> {
  if (shiftIds.length === 0) return 0;
  const rows = await deps.db.db
    .select()
    .from(shifts)
    .where(and(inArray(shifts.id, shiftIds), eq(shifts.status, 'active')));
  let scheduled = 0;
  for (const shift of rows) {
    if (!shift.professionalId) continue;
    for (const when of Object.keys(leadTimes) as When[]) {
      const delay = shift.startsAt.getTime() - leadTimes[when] - deps.now().getTime();
      if (delay <= 0) continue;
      // A job removed by cleanup may be re-added: remove any earlier version's job first.
      for (const old of [shift.version - 1, shift.version - 2].filter((v) => v >= 1)) {
        await deps.jobs.queues.reminders.remove(reminderJobId(shift.id, old, when)).catch(() => 0);
      }
      await enqueue(
        deps.jobs,
        'shift-reminder',
        { shiftId: shift.id, version: shift.version, when },
        { jobId: reminderJobId(shift.id, shift.version, when), delay },
      );
      scheduled += 1;
    }
  }
  return scheduled;
}

/** Sends one reminder, unless the shift moved, was reassigned or cancelled since it was scheduled. */
export async function shiftReminder(
  deps: Pick<AppDeps, 'db' | 'jobs' | 'logger'>,
  payload: JobPayload<'shift-reminder'>,
): Promise<string> {
  const db = deps.db.db;
  const [row] = await db
    .select({
      shift: shifts,
      mobile: professionals.mobile,
      service: services.name,
      zone: territories.timeZone,
      territoryId: territories.id,
    })
    .from(shifts)
    .innerJoin(services, eq(services.id, shifts.serviceId))
    .innerJoin(territories, eq(territories.id, services.territoryId))
    .innerJoin(professionals, eq(professionals.id, shifts.professionalId))
    .where(eq(shifts.id, payload.shiftId));
  if (!row || row.shift.status !== 'active' || row.shift.version !== payload.version)
    return 'stale';
  const number = await platformNumberOf(db, row.territoryId);
  if (!number) return 'no-platform-number';
  const when = new Intl.DateTimeFormat('fr-FR', {
    timeZone: row.zone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
  }).format(row.shift.startsAt);
  await queueSms(deps, {
    territoryId: row.territoryId,
    to: row.mobile,
    from: number,
    kind: 'shift_reminder',
    essential: true,
    dedupeKey: reminderJobId(payload.shiftId, payload.version, payload.when),
    body: smsBody('shift_reminder', 'fr', { service: row.service, when }),
  });
  return 'sent';
}
