import { and, eq } from 'drizzle-orm';
import { services, territories } from '../../../db/schema/index.js';
import { confirmedDays } from '../../territories/store.js';
import { activeShiftsOf } from '../shifts/store.js';
import { territoryCalendar } from '../../../rota/calendar/territory-calendar.js';
import { pdsaPeriods } from '../../../rota/calendar/pdsa.js';
import { coverageGaps } from '../../../rota/gaps.js';
import { smsBody } from '../../../ivr-flows/prompts/sms.js';
import { managerMobilesOf } from '../../access/accounts/managers.js';
import type { AppDeps } from '../../platform/deps.js';
import { queueSms } from '../../sms/queue-sms.js';
import { platformNumberOf } from '../../territories/store.js';
import { scheduleShiftReminders } from './shift-reminder-job.js';
import { leaveOf } from '../unavailability/store.js';
import { serviceHoursOf } from '../../territories/service-hours.js';

const horizonMs = 14 * 24 * 3600_000;

/**
 * Daily: counts the coverage gaps of the next 14 days per territory, each service within its
 * own PDSA hours (no false gap on a pharmacy's Saturday afternoon, none in a night left to the
 * régulation), and texts the rota managers who have a professional mobile on file; also re-schedules the reminders of the
 * next two days (a safety net for shifts written outside the API).
 */
export async function gapAlert(
  deps: Pick<AppDeps, 'db' | 'jobs' | 'now' | 'logger'>,
): Promise<string> {
  const db = deps.db.db;
  const now = deps.now();
  const range = { start: now, end: new Date(now.getTime() + horizonMs) };
  let alerts = 0;
  for (const territory of await db.select().from(territories)) {
    const year = now.getUTCFullYear();
    const confirmed = await confirmedDays(db, territory.id);
    let gaps = 0;
    for (const service of await db
      .select()
      .from(services)
      .where(and(eq(services.territoryId, territory.id), eq(services.active, true)))) {
      if (service.template.length === 0) continue;
      const rows = await activeShiftsOf(db, service.id, range.start, range.end);
      const calendar = territoryCalendar(
        { timeZone: territory.timeZone, ...territory.settings },
        confirmed,
        year,
        year + 1,
        serviceHoursOf(service),
      );
      gaps += coverageGaps(
        pdsaPeriods(range, calendar),
        rows.map((s) => ({ ...s, kind: s.kind ?? undefined })),
        1,
        // A shift whose doctor is on leave is a hole the managers must hear about.
        await leaveOf(
          db,
          rows.map((s) => s.professionalId),
          range.start,
          range.end,
        ),
      ).length;
      const soon = rows
        .filter((s) => s.startsAt.getTime() < now.getTime() + 2 * 24 * 3600_000)
        .map((s) => s.id);
      await scheduleShiftReminders(deps, soon);
    }
    if (gaps === 0) continue;
    const number = await platformNumberOf(db, territory.id);
    // A former manager (account closed) is told nothing.
    const managers = await managerMobilesOf(db, territory.id);
    for (const manager of managers) {
      if (!number) break;
      await queueSms(deps, {
        territoryId: territory.id,
        to: manager.mobile,
        from: number,
        kind: 'gap_alert',
        essential: true,
        body: smsBody('gap_alert', 'fr', { territory: territory.name, count: String(gaps) }),
      });
      alerts += 1;
    }
  }
  return `alerted ${alerts}`;
}
