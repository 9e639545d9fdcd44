import { mergeIntervals } from './calendar/pdsa.js';
import type { Interval, Shift, Unavailability } from './types.js';

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
  /**
   * 'leave' when a missing level has an assigned shift whose professional is on leave then:
   * the rota looks full but nobody will answer (a conflict to resolve, not an open slot).
   */
  reason?: 'leave';
}

interface Event {
  t: number;
  level: number;
  delta: number;
  /** A piece of shift whose professional is on leave: counts as a conflict, covers nothing. */
  leave: boolean;
}

/**
 * Every part of `periods` (PDSA intervals, e.g. from `pdsaPeriods`) where one of the levels
 * 1..`requiredLevels` has no assigned shift. Shifts are those of one service; open shifts
 * (`professionalId` null) cover nothing, nor does the part of a shift where its professional is
 * on `leave` (that part is reported with `reason: 'leave'`). Neighbouring pieces missing the same
 * levels for the same reason are merged.
 */
export function coverageGaps(
  periods: Interval[],
  shifts: Shift[],
  requiredLevels: number,
  leave: readonly Unavailability[] = [],
): CoverageGap[] {
  const levels = Math.max(0, Math.floor(requiredLevels));
  if (levels === 0) return [];
  const leaveOf = groupLeave(leave);
  // Boundary events of the assigned shifts at the required levels: +1 at start, −1 at end.
  const events: Event[] = [];
  for (const s of shifts) {
    if (s.professionalId === null || s.level < 1 || s.level > levels || s.endsAt <= s.startsAt)
      continue;
    for (const piece of split(
      s.startsAt.getTime(),
      s.endsAt.getTime(),
      leaveOf.get(s.professionalId),
    ))
      events.push(
        { t: piece.start, level: s.level, delta: 1, leave: piece.leave },
        { t: piece.end, level: s.level, delta: -1, leave: piece.leave },
      );
  }
  events.sort((a, b) => a.t - b.t);
  const count = new Array<number>(levels + 1).fill(0);
  const onLeave = new Array<number>(levels + 1).fill(0);
  const gaps: CoverageGap[] = [];
  let next = 0;
  // The sweep only moves forward: overlapping periods are merged first.
  for (const period of mergeIntervals(periods)) {
    const [pStart, pEnd] = [period.start.getTime(), period.end.getTime()];
    // Apply every boundary up to the period start, then walk the cuts inside it.
    while (next < events.length && events[next]!.t <= pStart)
      apply(events[next++]!, count, onLeave);
    let cursor = pStart;
    while (cursor < pEnd) {
      const cut = next < events.length ? Math.min(events[next]!.t, pEnd) : pEnd;
      if (cut > cursor) {
        const lacking = missing(count, levels);
        record(
          gaps,
          cursor,
          cut,
          lacking,
          lacking.some((l) => onLeave[l]! > 0),
        );
      }
      cursor = cut;
      while (next < events.length && events[next]!.t <= cursor)
        apply(events[next++]!, count, onLeave);
    }
  }
  return gaps;
}

function groupLeave(leave: readonly Unavailability[]): Map<string, Unavailability[]> {
  const byPerson = new Map<string, Unavailability[]>();
  for (const u of leave) {
    if (u.endsAt <= u.startsAt) continue;
    const list = byPerson.get(u.professionalId) ?? [];
    list.push(u);
    byPerson.set(u.professionalId, list);
  }
  return byPerson;
}

/** `[start, end)` cut at the professional's leave: pieces worked and pieces on leave, in order. */
function split(
  start: number,
  end: number,
  leave: readonly Unavailability[] | undefined,
): { start: number; end: number; leave: boolean }[] {
  if (!leave) return [{ start, end, leave: false }];
  const away = mergeIntervals(
    leave
      .filter((u) => u.startsAt.getTime() < end && u.endsAt.getTime() > start)
      .map((u) => ({ start: u.startsAt, end: u.endsAt })),
  );
  const pieces: { start: number; end: number; leave: boolean }[] = [];
  let cursor = start;
  for (const a of away) {
    const [from, to] = [Math.max(start, a.start.getTime()), Math.min(end, a.end.getTime())];
    if (from > cursor) pieces.push({ start: cursor, end: from, leave: false });
    pieces.push({ start: from, end: to, leave: true });
    cursor = to;
  }
  if (cursor < end) pieces.push({ start: cursor, end, leave: false });
  return pieces;
}

function apply(event: Event, count: number[], onLeave: number[]): void {
  (event.leave ? onLeave : count)[event.level]! += event.delta;
}

function missing(count: number[], levels: number): number[] {
  const out: number[] = [];
  for (let level = 1; level <= levels; level += 1) if (count[level]! <= 0) out.push(level);
  return out;
}

function record(
  gaps: CoverageGap[],
  start: number,
  end: number,
  missingLevels: number[],
  leave: boolean,
): void {
  if (missingLevels.length === 0) return;
  const last = gaps[gaps.length - 1];
  if (
    last &&
    last.end.getTime() === start &&
    last.missingLevels.join() === missingLevels.join() &&
    (last.reason === 'leave') === leave
  )
    last.end = new Date(end);
  else
    gaps.push({
      start: new Date(start),
      end: new Date(end),
      missingLevels,
      ...(leave ? { reason: 'leave' as const } : {}),
    });
}
