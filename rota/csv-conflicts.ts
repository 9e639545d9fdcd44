import type { CsvError, CsvShift } from './csv-types.js';

/**
 * For each row that overlaps an earlier one of `rows` (sorted by start, then line), that earlier
 * row: the one still running with the latest end. One sort and one sweep, O(n log n): a file of
 * thousands of overlapping rows gives one conflict per row, not one per pair.
 */
function firstClashes(rows: CsvShift[]): [CsvShift, CsvShift][] {
  const sorted = [...rows].sort(
    (a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.line - b.line,
  );
  const out: [CsvShift, CsvShift][] = [];
  let latest: CsvShift | undefined;
  for (const row of sorted) {
    if (latest && latest.endsAt > row.startsAt) out.push([latest, row]);
    if (!latest || row.endsAt > latest.endsAt) latest = row;
  }
  return out;
}

function groupsBy(rows: CsvShift[], key: (s: CsvShift) => string | null): CsvShift[][] {
  const out = new Map<string, CsvShift[]>();
  for (const row of rows) {
    const k = key(row);
    if (k === null) continue;
    const group = out.get(k);
    if (group) group.push(row);
    else out.set(k, [row]);
  }
  return [...out.values()];
}

/**
 * Conflicts inside the file: one professional on two overlapping shifts, or two shifts of one
 * service at the same level overlapping (two primaries at once). Reported on the later row
 * (later start; same start, later line), naming the earlier.
 */
export function csvConflicts(shifts: CsvShift[], proCol: string, levelCol: string): CsvError[] {
  const errors: CsvError[] = [];
  const reported = new Set<string>();
  for (const group of groupsBy(shifts, (s) => s.professionalId)) {
    for (const [first, second] of firstClashes(group)) {
      reported.add(`${first.line}|${second.line}`);
      errors.push({
        line: second.line,
        field: proCol,
        message: `ligne ${second.line} : chevauche la garde de la ligne ${first.line}`,
      });
    }
  }
  for (const group of groupsBy(shifts, (s) => `${s.serviceId}|${s.level}`)) {
    for (const [first, second] of firstClashes(group)) {
      if (reported.has(`${first.line}|${second.line}`)) continue;
      errors.push({
        line: second.line,
        field: levelCol,
        message: `ligne ${second.line} : deux gardes au niveau ${second.level} en même temps (voir la ligne ${first.line})`,
      });
    }
  }
  return errors;
}
