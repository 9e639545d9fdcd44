import type { Queryable } from '../../../db/client.js';
import { slotKindFairness, type SlotKindLoad } from '../../../rota/fairness.js';
import { localDateOf } from '../../../rota/calendar/local-date.js';
import { shiftKindOfSlot, slotKinds, withDefaultSlotWeights } from '../../../rota/slot-weights.js';
import type { ShiftKind } from '../../../rota/types.js';
import type { ServiceRow, TerritoryRow } from '../../territories/store.js';
import { activeShiftsOf } from '../shifts/store.js';
import { loadHistoryMs, territorySlotCalendar } from './proposal.js';
import { memberIdsOf, territoryShiftsOf } from './store.js';

export interface FairnessReport {
  /** The service's shifts starting in [from, to), by slot kind. */
  loads: (SlotKindLoad & { byKind: Record<ShiftKind, number> })[];
  /** The 12 months before `to`: each member's shifts on every service of the territory. */
  twelveMonths: { from: Date; to: Date; loads: SlotKindLoad[] };
}

/**
 * The fairness report of a service: every shift classified from its times and the calendar
 * (rota/slot-weights.ts) and weighed with the territory's weights, over the range asked and
 * over the 12 months auto-fill weighs (other services of the territory included).
 */
export async function fairnessReport(
  q: Queryable,
  service: ServiceRow,
  territory: TerritoryRow,
  from: Date,
  to: Date,
): Promise<FairnessReport> {
  const yearFrom = new Date(to.getTime() - loadHistoryMs);
  const first = Math.min(from.getTime(), yearFrom.getTime());
  const calendar = await territorySlotCalendar(
    q,
    territory,
    Number(localDateOf(new Date(first), territory.timeZone).slice(0, 4)) - 1,
    Number(localDateOf(to, territory.timeZone).slice(0, 4)) + 1,
  );
  const weights = withDefaultSlotWeights(territory.slotWeights);
  const own = await activeShiftsOf(q, service.id, from, to);
  const members = await memberIdsOf(q, service.id);
  const year = await territoryShiftsOf(q, territory.id, members, yearFrom, to);
  return {
    loads: slotKindFairness(own, { start: from, end: to }, calendar, weights).map((l) => ({
      ...l,
      byKind: coarse(l),
    })),
    twelveMonths: {
      from: yearFrom,
      to,
      loads: slotKindFairness(year, { start: yearFrom, end: to }, calendar, weights),
    },
  };
}

/** Counts by the coarse kinds the report showed before slot kinds existed. */
function coarse(load: SlotKindLoad): Record<ShiftKind, number> {
  const out: Record<ShiftKind, number> = {
    weeknight: 0,
    saturday: 0,
    sunday_holiday: 0,
    christmas_newyear: 0,
  };
  for (const kind of slotKinds) out[shiftKindOfSlot(kind)] += load.countByKind[kind];
  return out;
}
