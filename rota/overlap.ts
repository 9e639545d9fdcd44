import type { Shift } from './types.js';

/**
 * Overlaps in one professional's shifts: nobody can answer two lines at once, so the API
 * refuses a shift that overlaps another of the same person. Ends are exclusive: a handover at
 * 08:00 (one ends, the next starts) is not an overlap.
 */

export interface ShiftOverlap {
  /** The shift that started first (ties: smaller id). */
  first: Shift;
  second: Shift;
  start: Date;
  end: Date;
}

/**
 * Every pair of overlapping shifts among `shifts` (meant for one professional; the caller
 * filters). Empty shifts (end <= start) overlap nothing. Sorted by start then id; O(n log n + k) for k overlaps, by a sweep that keeps
 * only the shifts still running.
 */
export function findOverlaps(shifts: readonly Shift[]): ShiftOverlap[] {
  const sorted = [...shifts].sort(
    (a, b) =>
      a.startsAt.getTime() - b.startsAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const running: Shift[] = [];
  const out: ShiftOverlap[] = [];
  for (const shift of sorted) {
    const start = shift.startsAt.getTime();
    // Drop what ended at or before this start; what remains overlaps it.
    for (let i = running.length - 1; i >= 0; i -= 1)
      if (running[i]!.endsAt.getTime() <= start) running.splice(i, 1);
    for (const other of running) {
      const end = Math.min(other.endsAt.getTime(), shift.endsAt.getTime());
      if (end > start)
        out.push({ first: other, second: shift, start: new Date(start), end: new Date(end) });
    }
    if (shift.endsAt.getTime() > start) running.push(shift);
  }
  return out;
}

/** Does `candidate` overlap any of `shifts` (other than itself, by id)? Empty shifts overlap nothing. */
export function overlapsAny(
  candidate: Pick<Shift, 'id' | 'startsAt' | 'endsAt'>,
  shifts: readonly Shift[],
): boolean {
  const [start, end] = [candidate.startsAt.getTime(), candidate.endsAt.getTime()];
  return shifts.some(
    (s) =>
      s.id !== candidate.id &&
      Math.max(start, s.startsAt.getTime()) < Math.min(end, s.endsAt.getTime()),
  );
}
