import { classifySlot, shiftKindOfSlot } from './slot-weights.js';
import type { ShiftKind } from './types.js';

/**
 * How heavy a shift is, for fairness and auto-fill: a Sunday away from the family costs more
 * than a Tuesday night, Christmas and New Year's Eve most of all. Weights are territory
 * configuration; these are the defaults.
 */

export type ShiftWeights = Record<ShiftKind, number>;

/** Default weights: weeknight 1 < Saturday 1.5 < Sunday/holiday 2 < Christmas/New Year 3. */
export const defaultWeights: Readonly<ShiftWeights> = Object.freeze({
  weeknight: 1,
  saturday: 1.5,
  sunday_holiday: 2,
  christmas_newyear: 3,
});

/** Every kind, lightest first. */
export const shiftKinds: readonly ShiftKind[] = [
  'weeknight',
  'saturday',
  'sunday_holiday',
  'christmas_newyear',
];

const festive = new Set(['12-24', '12-25', '12-31', '01-01']);

/** 24–25 December or 31 December–1 January (a local date, YYYY-MM-DD)? */
export function isChristmasNewYear(localDate: string): boolean {
  return festive.has(localDate.slice(5));
}

/**
 * The coarse kind of a shift from the period it starts in (rota/slot-weights.ts, the one
 * classifier): 24–25 December and 31 December–1 January are `christmas_newyear`; a Sunday or
 * public holiday `sunday_holiday`; a Saturday `saturday`; any other day `weeknight`. A night is
 * classed by its evening (Friday 20:00 → weeknight; 31 December 00:30 is the night of the 30th).
 */
export function shiftKindOf(
  startsAt: Date,
  timeZone: string,
  holidays: ReadonlySet<string>,
): ShiftKind {
  return shiftKindOfSlot(classifySlot(startsAt, startsAt, { timeZone, holidays }).kind);
}

/** Weights with the defaults filled in for kinds the territory did not set. */
export function withDefaultWeights(partial: Partial<ShiftWeights> | undefined): ShiftWeights {
  return { ...defaultWeights, ...partial };
}
