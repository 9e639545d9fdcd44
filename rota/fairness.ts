import { defaultWeights, shiftKindOf, type ShiftWeights } from './shift-kind.js';
import {
  classifySlot,
  defaultSlotWeights,
  heavySlots,
  slotKinds,
  type HeavySlot,
  type SlotCalendar,
  type SlotKind,
  type SlotWeights,
} from './slot-weights.js';
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

/** One professional's load by slot kind: what the territory's weights make of a year. */
export interface SlotKindLoad {
  professionalId: string;
  count: number;
  weightedLoad: number;
  /** Shifts per slot kind (each counted under the kind it weighs most in). */
  countByKind: Record<SlotKind, number>;
  /** Weight per slot kind (a shift spanning two kinds adds to both, in proportion). */
  weightByKind: Record<SlotKind, number>;
  /** How many of the year's heavy slots (Christmas, New Year, 14 July…) they worked. */
  heavy: Record<HeavySlot, number>;
}

const zeroes = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/**
 * Weighted load per professional and slot kind over `range`, every shift classified from its
 * times and the calendar (rota/slot-weights.ts), whatever its stored kind. A shift counts when
 * it starts within [range.start, range.end); open shifts count for nobody. Heaviest first; ties
 * by id.
 */
export function slotKindFairness(
  shifts: readonly Pick<Shift, 'professionalId' | 'startsAt' | 'endsAt'>[],
  range: Interval,
  calendar: SlotCalendar,
  weights: Readonly<SlotWeights> = defaultSlotWeights,
): SlotKindLoad[] {
  const loads = new Map<string, SlotKindLoad>();
  for (const shift of shifts) {
    if (!shift.professionalId || shift.startsAt < range.start || shift.startsAt >= range.end)
      continue;
    const slot = classifySlot(shift.startsAt, shift.endsAt, calendar, weights);
    const load = loads.get(shift.professionalId) ?? {
      professionalId: shift.professionalId,
      count: 0,
      weightedLoad: 0,
      countByKind: zeroes(slotKinds),
      weightByKind: zeroes(slotKinds),
      heavy: zeroes(heavySlots),
    };
    loads.set(shift.professionalId, load);
    load.count += 1;
    load.weightedLoad += slot.weight;
    load.countByKind[slot.kind] += 1;
    for (const kind of slotKinds) load.weightByKind[kind] += slot.weightByKind[kind] ?? 0;
    if (slot.heavy) load.heavy[slot.heavy] += 1;
  }
  return [...loads.values()].sort(
    (a, b) => b.weightedLoad - a.weightedLoad || (a.professionalId < b.professionalId ? -1 : 1),
  );
}
