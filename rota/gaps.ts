import type { Interval, Shift } from './types.js';

export interface CoverageGap {
  start: Date;
  end: Date;
  /** Escalation levels nobody covers in that interval (1 = no primary). */
  missingLevels: number[];
}

/**
 * Every part of the PDSA periods where a required level has no professional assigned.
 * Works on elementary segments between all boundaries, then merges equal neighbours.
 */
export function coverageGaps(periods: Interval[], shifts: Shift[], requiredLevels: number): CoverageGap[] {
  const assigned = shifts.filter((s) => s.professionalId !== null);
  const gaps: CoverageGap[] = [];
  for (const period of periods) {
    const cuts = new Set([period.start.getTime(), period.end.getTime()]);
    for (const s of assigned) {
      for (const t of [s.startsAt.getTime(), s.endsAt.getTime()]) {
        if (t > period.start.getTime() && t < period.end.getTime()) cuts.add(t);
      }
    }
    const points = [...cuts].sort((a, b) => a - b);
    for (let i = 0; i + 1 < points.length; i += 1) {
      const [a, b] = [points[i]!, points[i + 1]!];
      const covered = new Set(assigned.filter((s) => s.startsAt.getTime() <= a && s.endsAt.getTime() >= b).map((s) => s.level));
      const missing = Array.from({ length: requiredLevels }, (_, k) => k + 1).filter((level) => !covered.has(level));
      if (missing.length === 0) continue;
      const last = gaps[gaps.length - 1];
      if (last && last.end.getTime() === a && last.missingLevels.join() === missing.join()) last.end = new Date(b);
      else gaps.push({ start: new Date(a), end: new Date(b), missingLevels: missing });
    }
  }
  return gaps;
}
