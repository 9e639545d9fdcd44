import type { Queryable } from '../../../db/client.js';
import {
  callbacksOfTerritoryBetween,
  callTimelinesOfTerritoryBetween,
} from '../../dashboard/store.js';
import { notFound } from '../../platform/http-errors.js';
import { monthBounds, monthlyActivity, type MonthlyActivity } from './activity.js';
import { bookingsBetween, fichesOfCallsBetween, territoryForReport } from './store.js';

export interface ActivityReport {
  territory: { id: string; name: string };
  activity: MonthlyActivity;
}

/** Load → compute: the month's rows of one territory, then the pure report. */
export async function loadActivityReport(
  db: Queryable,
  territoryId: string,
  month: string,
  now: Date,
): Promise<ActivityReport> {
  const territory = await territoryForReport(db, territoryId);
  if (!territory) throw notFound('territoire inconnu. Unknown territory.');
  const { since, until } = monthBounds(month, territory.timeZone);
  const [calls, fiches, bookings, callbacks] = await Promise.all([
    callTimelinesOfTerritoryBetween(db, territoryId, since, until),
    fichesOfCallsBetween(db, territoryId, since, until),
    bookingsBetween(db, territoryId, since, until),
    callbacksOfTerritoryBetween(db, territoryId, since, until),
  ]);
  return {
    territory: { id: territory.id, name: territory.name },
    activity: monthlyActivity({
      month,
      calls,
      fiches: fiches.map((f) => ({ decision: f.decision, completed: f.completedAt !== null })),
      bookings,
      callbacks,
      now,
    }),
  };
}
