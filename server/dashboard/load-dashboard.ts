import { and, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import {
  callbackRequests,
  callRecords,
  professionals,
  services,
  shifts,
  territories,
} from '../../db/schema/index.js';
import { holidaySet } from '../../rota/calendar/holidays.js';
import { fairness } from '../../rota/fairness.js';
import { wallClockToInstant } from '../../rota/local-time.js';
import { addDays } from '../../rota/calendar/local-date.js';
import { callbackDeadlines, lastNights, nightlyCallStats, type NightStats } from './night-stats.js';

export interface LoadRow {
  name: string;
  weightedLoad: number;
  count: number;
}

export interface TerritoryDashboard {
  territory: { id: string; name: string; timeZone: string };
  nights: NightStats[];
  total: NightStats;
  callbacks: ReturnType<typeof callbackDeadlines>;
  pastLoad: LoadRow[];
  comingLoad: LoadRow[];
}

const nightCount = 14;
const fourWeeksMs = 28 * 86_400_000;

/**
 * The dashboard of each territory `scope` selects (undefined: all): load the rows, then the pure figures of
 * night-stats.ts and rota/fairness.ts. Read-only.
 */
export async function loadDashboards(
  db: Database,
  scope: SQL | undefined,
  now: Date,
): Promise<TerritoryDashboard[]> {
  const list = await db.select().from(territories).where(scope).orderBy(territories.name);
  return Promise.all(
    list.map(async (territory) => {
      const zone = territory.timeZone;
      const nights = lastNights(now, zone, nightCount);
      const since = wallClockToInstant(nights[0]!, '08:00', zone);
      const until = wallClockToInstant(addDays(nights.at(-1)!, 1), '08:00', zone);
      const calls = await db
        .select({
          startedAt: callRecords.startedAt,
          connectedAt: callRecords.connectedAt,
          outcome: callRecords.outcome,
        })
        .from(callRecords)
        .where(
          and(
            eq(callRecords.territoryId, territory.id),
            gte(callRecords.startedAt, since),
            lt(callRecords.startedAt, until),
          ),
        );
      const callbacks = await db
        .select({
          status: callbackRequests.status,
          dueBy: callbackRequests.dueBy,
          completedAt: callbackRequests.completedAt,
        })
        .from(callbackRequests)
        .where(
          and(
            eq(callbackRequests.territoryId, territory.id),
            gte(callbackRequests.createdAt, since),
            lt(callbackRequests.createdAt, until),
          ),
        );
      const from = new Date(now.getTime() - fourWeeksMs);
      const to = new Date(now.getTime() + fourWeeksMs);
      const rows = await db
        .select({ s: shifts })
        .from(shifts)
        .innerJoin(services, eq(services.id, shifts.serviceId))
        .where(
          and(
            eq(services.territoryId, territory.id),
            eq(shifts.status, 'active'),
            gte(shifts.startsAt, from),
            lt(shifts.startsAt, to),
          ),
        );
      const names = new Map(
        (
          await db
            .select({ id: professionals.id, name: professionals.name })
            .from(professionals)
            .where(eq(professionals.territoryId, territory.id))
        ).map((p) => [p.id, p.name]),
      );
      const year = Number(nights[0]!.slice(0, 4));
      const classify = {
        timeZone: zone,
        holidays: holidaySet(year - 1, year + 1, {
          alsaceMoselle: territory.settings.alsaceMoselle,
        }),
      };
      const shiftsOf = rows.map((r) => ({ ...r.s, kind: r.s.kind ?? undefined }));
      const named = (loads: ReturnType<typeof fairness>) =>
        loads.map((l) => ({
          name: names.get(l.professionalId) ?? '?',
          weightedLoad: l.weightedLoad,
          count: l.count,
        }));
      const stats = nightlyCallStats(calls, nights, zone);
      return {
        territory: { id: territory.id, name: territory.name, timeZone: zone },
        nights: stats.nights,
        total: stats.total,
        callbacks: callbackDeadlines(callbacks, now),
        pastLoad: named(fairness(shiftsOf, { start: from, end: now }, undefined, classify)),
        comingLoad: named(fairness(shiftsOf, { start: now, end: to }, undefined, classify)),
      };
    }),
  );
}
