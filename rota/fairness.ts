import { defaultWeights } from './auto-fill.js';
import type { Interval, Shift, ShiftKind } from './types.js';

export interface ProfessionalLoad {
  professionalId: string;
  count: number;
  weightedLoad: number;
  byKind: Record<ShiftKind, number>;
}

/**
 * Weighted load per professional over a range: weeknight < Saturday < Sunday/holiday <
 * Christmas/New Year. Shifts are counted when they start within the range.
 */
export function fairness(shifts: Shift[], range: Interval, weights: Record<ShiftKind, number> = defaultWeights): ProfessionalLoad[] {
  const loads = new Map<string, ProfessionalLoad>();
  for (const shift of shifts) {
    if (!shift.professionalId || shift.startsAt < range.start || shift.startsAt >= range.end) continue;
    const kind = shift.kind ?? 'weeknight';
    let load = loads.get(shift.professionalId);
    if (!load) {
      load = { professionalId: shift.professionalId, count: 0, weightedLoad: 0, byKind: { weeknight: 0, saturday: 0, sunday_holiday: 0, christmas_newyear: 0 } };
      loads.set(shift.professionalId, load);
    }
    load.count += 1;
    load.weightedLoad += weights[kind];
    load.byKind[kind] += 1;
  }
  return [...loads.values()].sort((a, b) => b.weightedLoad - a.weightedLoad || a.professionalId.localeCompare(b.professionalId));
}
