import type { DbHandle } from '../../db/client.js';

/** What /metrics reads from PostgreSQL at scrape time: the facts the database already holds. */
export interface LineFigures {
  callsByOutcome: { outcome: string; count: number }[];
  rings: number;
  acceptances: number;
  callbackBacklog: number;
  oldestPendingCallbackAt: Date | null;
}

/**
 * Three bounded queries in one read-only transaction with a 1 s statement timeout, so a slow or
 * locked database costs a scrape at most that, never a pile of queries. Calls, rings and
 * acceptances count over the calls started since `since` (call_records_started index); the
 * backlog reads the open callbacks (the partial unique index on open ones).
 */
export async function lineFigures(db: Pick<DbHandle, 'sql'>, since: Date): Promise<LineFigures> {
  // drizzle makes the shared pool pass timestamps through as text: ISO strings in and out.
  const from = since.toISOString();
  return db.sql.begin('read only', async (tx) => {
    await tx`set local statement_timeout = 1000`;
    const outcomes = await tx<{ outcome: string; count: number }[]>`
      select coalesce(outcome, 'in_progress') as outcome, count(*)::int as count
      from call_records where started_at >= ${from} group by 1`;
    const [rings] = await tx<{ rings: number; acceptances: number }[]>`
      select count(*) filter (where e.kind = 'ring')::int as rings,
             count(*) filter (where e.kind = 'accepted')::int as acceptances
      from call_records r join call_events e on e.call_sid = r.call_sid
      where r.started_at >= ${from} and e.kind in ('ring', 'accepted')`;
    const [backlog] = await tx<{ count: number; oldest: string | null }[]>`
      select count(*)::int as count, min(created_at) as oldest
      from callback_requests where status in ('pending', 'in_progress')`;
    return {
      callsByOutcome: outcomes.map((row) => ({ outcome: row.outcome, count: row.count })),
      rings: rings?.rings ?? 0,
      acceptances: rings?.acceptances ?? 0,
      callbackBacklog: backlog?.count ?? 0,
      oldestPendingCallbackAt: backlog?.oldest ? new Date(backlog.oldest) : null,
    };
  });
}
