import { defaultWeights, shiftKindOf, type ShiftWeights } from './shift-kind.js';
import type { Interval, Shift, ShiftKind } from './types.js';

/**
 * Fairness: how much of the rota's burden each professional carries, so a coordinator sees at
 * a glance who did three Christmases in a row.
 */

export interface ProfessionalLoad {
  professionalId: string;
  /** Shifts counted (each level of a slot is a shift). */
  count: number;
  /** Sum of the weights of those shifts. */
  weightedLoad: number;
  /** Number of shifts per kind. */
  byKind: Record<ShiftKind, number>;
}

/** How to classify a shift that carries no `kind` (else it counts as a weeknight). */
export interface KindContext {
  timeZone: string;
  holidays: ReadonlySet<string>;
}

/**
 * Weighted load per professional over `range`: weeknight < Saturday < Sunday/holiday <
 * Christmas/New Year. A shift counts when it starts within [range.start, range.end); open
 * shifts count for nobody. Sorted by load, heaviest first, ties by id.
 */
export function fairness(
  shifts: Shift[],
  range: Interval,
  weights: Readonly<ShiftWeights> = defaultWeights,
  classify?: KindContext,
): ProfessionalLoad[] {
  const loads = new Map<string, ProfessionalLoad>();
  for (const shift of shifts) {
    if (!shift.professionalId || shift.startsAt < range.start || shift.startsAt >= range.end)
      continue;
    const kind =
      shift.kind ??
      (classify ? shiftKindOf(shift.startsAt, classify.timeZone, classify.holidays) : 'weeknight');
    let load = loads.get(shift.professionalId);
    if (!load) {
      load = {
        professionalId: shift.professionalId,
        count: 0,
        weightedLoad: 0,
        byKind: { weeknight: 0, saturday: 0, sunday_holiday: 0, christmas_newyear: 0 },
      };
      loads.set(shift.professionalId, load);
    }
    load.count += 1;
    load.weightedLoad += weights[kind];
    load.byKind[kind] += 1;
  }
  return [...loads.values()].sort(
    (a, b) => b.weightedLoad - a.weightedLoad || (a.professionalId < b.professionalId ? -1 : 1),
  );
}
