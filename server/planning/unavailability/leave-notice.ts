import { eq } from 'drizzle-orm';
import type { Queryable } from '../../../db/client.js';
import { smsBody } from '../../../ivr-flows/prompts/sms.js';
import { territories } from '../../../db/schema/index.js';
import { managerMobilesOf } from '../../access/accounts/managers.js';
import type { AppDeps } from '../../platform/deps.js';
import { enqueue } from '../../platform/enqueue.js';
import { recordOutgoingSms } from '../../sms/store.js';
import { platformNumberOf } from '../../territories/store.js';

export type LeaveNoticeDeps = Pick<AppDeps, 'db' | 'jobs' | 'logger'>;

/**
 * Writes, in the transaction of the leave (the SMS rows are the outbox), the SMS telling the
 * rota managers of a territory that leave was just recorded over assigned shifts: a count and no
 * name, reason or health detail. Once per period of leave (dedupe key). Hand the returned ids to
 * the queue after the commit with `handOverLeaveNotices`.
 */
export async function writeLeaveNotices(
  tx: Queryable,
  leave: { id: string; territoryId: string; conflicts: number; recordedBy?: string },
): Promise<string[]> {
  if (leave.conflicts === 0) return [];
  const [territory] = await tx
    .select({ name: territories.name })
    .from(territories)
    .where(eq(territories.id, leave.territoryId));
  const from = await platformNumberOf(tx, leave.territoryId);
  if (!territory || !from) return [];
  const managers = await managerMobilesOf(tx, leave.territoryId);
  const ids: string[] = [];
  // The manager who recorded it saw the shifts on their screen.
  for (const manager of managers.filter((m) => m.userId !== leave.recordedBy)) {
    const { id, created } = await recordOutgoingSms(tx, {
      territoryId: leave.territoryId,
      kind: 'leave_conflict',
      toNumber: manager.mobile,
      fromNumber: from,
      body: smsBody('leave_conflict', 'fr', {
        territory: territory.name,
        count: String(leave.conflicts),
      }),
      callSid: null,
      dedupeKey: `leave-conflict:${leave.id}:${manager.userId}`,
    });
    if (created && id) ids.push(id);
  }
  return ids;
}

/** Hands committed leave notices to the queue; a queue out of reach keeps them as rows. */
export async function handOverLeaveNotices(deps: LeaveNoticeDeps, smsIds: string[]) {
  for (const smsId of smsIds) {
    try {
      await enqueue(deps.jobs, 'send-sms', { smsId }, { jobId: `sms-${smsId}` });
    } catch (err) {
      deps.logger.warn({ err, smsId }, 'SMS kept in the outbox: queue unavailable');
    }
  }
}
