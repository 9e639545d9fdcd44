import { and, eq } from 'drizzle-orm';
import { smsBody } from '../../../ivr-flows/prompts/sms.js';
import { professionals, territories, users, userTerritories } from '../../../db/schema/index.js';
import type { AppDeps } from '../../platform/deps.js';
import { queueSms } from '../../sms/queue-sms.js';
import { platformNumberOf } from '../../territories/store.js';

export type LeaveNoticeDeps = Pick<AppDeps, 'db' | 'jobs' | 'logger'>;

/**
 * Tells the rota managers of a territory (those with a professional mobile on file, as the daily
 * gap alert does) that leave was just recorded over assigned shifts: an SMS through the queue,
 * with a count and no name, reason or health detail. Once per period of leave (dedupe key).
 * Returns how many SMS were queued.
 */
export async function noticeLeaveConflict(
  deps: LeaveNoticeDeps,
  leave: { id: string; territoryId: string; conflicts: number; recordedBy?: string },
): Promise<number> {
  if (leave.conflicts === 0) return 0;
  const db = deps.db.db;
  const [territory] = await db
    .select({ name: territories.name })
    .from(territories)
    .where(eq(territories.id, leave.territoryId));
  const from = await platformNumberOf(db, leave.territoryId);
  if (!territory || !from) return 0;
  const managers = await db
    .select({ userId: users.id, mobile: professionals.mobile })
    .from(userTerritories)
    .innerJoin(users, eq(users.id, userTerritories.userId))
    .innerJoin(professionals, eq(professionals.id, users.professionalId))
    .where(and(eq(userTerritories.territoryId, leave.territoryId), eq(users.role, 'manager')));
  let queued = 0;
  // The manager who recorded it saw the shifts on their screen.
  for (const manager of managers.filter((m) => m.userId !== leave.recordedBy)) {
    const id = await queueSms(deps, {
      territoryId: leave.territoryId,
      to: manager.mobile,
      from,
      kind: 'leave_conflict',
      essential: true,
      body: smsBody('leave_conflict', 'fr', {
        territory: territory.name,
        count: String(leave.conflicts),
      }),
      dedupeKey: `leave-conflict:${leave.id}:${manager.userId}`,
    });
    if (id) queued += 1;
  }
  return queued;
}
