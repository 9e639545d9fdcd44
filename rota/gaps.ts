import { mergeIntervals } from './calendar/pdsa.js';
import type { Interval, Shift } from './types.js';

/**
 * Coverage gaps: the parts of PDSA time where the rota leaves a required escalation level
 * without anyone. A sweep over the shift boundaries, O((p + s) log s), so a year of shifts is
 * checked in milliseconds for the gap-alert job and the rota page.
 */

export interface CoverageGap {
  start: Date;
  end: Date;
  /** Escalation levels nobody covers in that interval, ascending (1 = no primary). */
  missingLevels: number[];
}

/**
 * Every part of `periods` (PDSA intervals, e.g. from `pdsaPeriods`) where one of the levels
 * 1..`requiredLevels` has no assigned shift. Shifts are those of one service; open shifts
 * (`professionalId` null) cover nothing. Neighbouring pieces missing the same levels are merged.
 */
export function coverageGaps(
  periods: Interval[],
  shifts: Shift[],
  requiredLevels: number,
): CoverageGap[] {
  const levels = Math.max(0, Math.floor(requiredLevels));
  if (levels === 0) return [];
  // Boundary events of the assigned shifts at the required levels: +1 at start, −1 at end.
  const events: { t: number; level: number; delta: number }[] = [];
  for (const s of shifts) {
    if (s.professionalId === null || s.level < 1 || s.level > levels || s.endsAt <= s.startsAt)
      continue;
    events.push(
      { t: s.startsAt.getTime(), level: s.level, delta: 1 },
      { t: s.endsAt.getTime(), level: s.level, delta: -1 },
    );
  }
  events.sort((a, b) => a.t - b.t);
  const count = new Array<number>(levels + 1).fill(0);
  const gaps: CoverageGap[] = [];
  let next = 0;
  // The sweep only moves forward: overlapping periods are merged first.
  for (const period of mergeIntervals(periods)) {
    const [pStart, pEnd] = [period.start.getTime(), period.end.getTime()];
    // Apply every boundary up to the period start, then walk the cuts inside it.
    while (next < events.length && events[next]!.t <= pStart) apply(events[next++]!, count);
    let cursor = pStart;
    while (cursor < pEnd) {
      const cut = next < events.length ? Math.min(events[next]!.t, pEnd) : pEnd;
      if (cut > cursor) record(gaps, cursor, cut, missing(count, levels));
      cursor = cut;
      while (next < events.length && events[next]!.t <= cursor) apply(events[next++]!, count);
    }
  }
  return gaps;
}

function apply(event: { level: number; delta: number }, count: number[]): void {
  count[event.level]! += event.delta;
}

function missing(count: number[], levels: number): number[] {
  const out: number[] = [];
  for (let level = 1; level <= levels; level += 1) if (count[level]! <= 0) out.push(level);
  return out;
}

function record(gaps: CoverageGap[], start: number, end: number, missingLevels: number[]): void {
  if (missingLevels.length === 0) return;
  const last = gaps[gaps.length - 1];
  if (last && last.end.getTime() === start && last.missingLevels.join() === missingLevels.join())
    last.end = new Date(end);
  else gaps.push({ start: new Date(start), end: new Date(end), missingLevels });
}
