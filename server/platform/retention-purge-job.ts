import { and, inArray, lt, sql } from 'drizzle-orm';
import {
  auditLog,
  callEvents,
  callRecords,
  smsMessages,
  territories,
} from '../../db/schema/index.js';
import type { AppDeps } from './deps.js';

const day = 24 * 3600_000;

/** Deletes what is past each territory's retention periods (call records, SMS, audit). */
export async function retentionPurge(deps: Pick<AppDeps, 'db' | 'now'>): Promise<string> {
  const db = deps.db.db;
  let purged = 0;
  for (const territory of await db.select().from(territories)) {
    const r = territory.settings.retention;
    const before = (days: number) => new Date(deps.now().getTime() - days * day);
    const old = await db
      .select({ sid: callRecords.callSid })
      .from(callRecords)
      .where(
        and(
          sql`${callRecords.territoryId} = ${territory.id}`,
          lt(callRecords.startedAt, before(r.callRecordsDays)),
        ),
      );
    const sids = old.map((o) => o.sid);
    if (sids.length > 0) {
      await db.delete(callEvents).where(inArray(callEvents.callSid, sids));
      purged += (
        await db
          .delete(callRecords)
          .where(inArray(callRecords.callSid, sids))
          .returning({ id: callRecords.id })
      ).length;
    }
    purged += (
      await db
        .delete(smsMessages)
        .where(
          and(
            sql`${smsMessages.territoryId} = ${territory.id}`,
            lt(smsMessages.createdAt, before(r.smsDays)),
          ),
        )
        .returning({ id: smsMessages.id })
    ).length;
    purged += (
      await db
        .delete(auditLog)
        .where(
          and(sql`${auditLog.territoryId} = ${territory.id}`, lt(auditLog.at, before(r.auditDays))),
        )
        .returning({ id: auditLog.id })
    ).length;
  }
  return `purged ${purged}`;
}
