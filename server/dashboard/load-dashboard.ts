import type { Queryable } from '../../db/client.js';
import type { Actor } from '../access/actor.js';
import { holidaySet } from '../../rota/calendar/holidays.js';
import { fairness } from '../../rota/fairness.js';
import { wallClockToInstant } from '../../rota/local-time.js';
import { addDays } from '../../rota/calendar/local-date.js';
import {
  activeShiftsOfTerritory,
  callbacksOfTerritoryBetween,
  callTimelinesOfTerritoryBetween,
  dashboardTerritories,
  professionalNamesOf,
} from './store.js';
import { lastNights, nightlyCallStats, type NightStats } from './night-stats.js';
import { unfinishedFichesOf } from '../regulation/fiches/store.js';
import { reminderAfterMs } from '../regulation/fiches/link-sms.js';

export interface LoadRow {
  name: string;
  weightedLoad: number;
  count: number;
}

export interface TerritoryDashboard {
  territory: { id: string; name: string; timeZone: string };
  nights: NightStats[];
  total: NightStats;
  pastLoad: LoadRow[];
  comingLoad: LoadRow[];
  /** Fiches de régulation unfinished 2 h after their call: doctor and call time only. */
  unfinishedFiches: Awaited<ReturnType<typeof unfinishedFichesOf>>;
}

const nightCount = 14;
const fourWeeksMs = 28 * 86_400_000;

/**
 * The dashboard of each territory the actor reads: load the rows, then the pure figures of
 * night-stats.ts and rota/fairness.ts. Read-only.
 */
export async function loadDashboards(
  db: Queryable,
  actor: Actor,
  now: Date,
): Promise<TerritoryDashboard[]> {
  const list = await dashboardTerritories(db, actor);
  return Promise.all(
    list.map(async (territory) => {
      const zone = territory.timeZone;
      const nights = lastNights(now, zone, nightCount);
      const since = wallClockToInstant(nights[0]!, '08:00', zone);
      const until = wallClockToInstant(addDays(nights.at(-1)!, 1), '08:00', zone);
      const calls = await callTimelinesOfTerritoryBetween(db, territory.id, since, until);
      const callbacks = await callbacksOfTerritoryBetween(db, territory.id, since, until);
      const from = new Date(now.getTime() - fourWeeksMs);
      const to = new Date(now.getTime() + fourWeeksMs);
      const rows = await activeShiftsOfTerritory(db, territory.id, from, to);
      const names = await professionalNamesOf(db, territory.id);
      const year = Number(nights[0]!.slice(0, 4));
      const classify = {
        timeZone: zone,
        holidays: holidaySet(year - 1, year + 1, {
          alsaceMoselle: territory.settings.alsaceMoselle,
          overseas: territory.settings.overseas,
        }),
      };
      const shiftsOf = rows.map((s) => ({ ...s, kind: s.kind ?? undefined }));
      const named = (loads: ReturnType<typeof fairness>) =>
        loads.map((l) => ({
          name: names.get(l.professionalId) ?? '?',
          weightedLoad: l.weightedLoad,
          count: l.count,
        }));
      const stats = nightlyCallStats(calls, callbacks, nights, zone, now);
      return {
        territory: { id: territory.id, name: territory.name, timeZone: zone },
        nights: stats.nights,
        total: stats.total,
        pastLoad: named(fairness(shiftsOf, { start: from, end: now }, undefined, classify)),
        comingLoad: named(fairness(shiftsOf, { start: now, end: to }, undefined, classify)),
        unfinishedFiches: await unfinishedFichesOf(
          db,
          territory.id,
          new Date(now.getTime() - reminderAfterMs),
        ),
      };
    }),
  );
}
