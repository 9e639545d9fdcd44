import { byRingOrder, contactsOf, type FallbackLine } from './on-duty.js';
import type { Contact, Override, Professional, Shift } from './types.js';

/**
 * A read-only index of a large rota (hundreds of thousands of shifts) for "who is on duty at
 * t". Per service, shifts are sorted by start; a query binary-searches the last shift starting
 * at or before t and walks back. The walk stops as soon as no earlier shift can still be
 * running: either its start is more than the service's longest shift before t, or the running
 * maximum of ends up to it is at or before t. Built once per rota version, queried per call.
 */

interface ServiceIndex {
  shifts: Shift[];
  starts: Float64Array;
  /** maxEnd[i] = max end of shifts[0..i]: a monotone bound for the backward walk. */
  maxEnd: Float64Array;
  longestMs: number;
}

export interface RotaIndex {
  readonly byService: ReadonlyMap<string, ServiceIndex>;
  readonly overridesByShift: ReadonlyMap<string, readonly Override[]>;
}

/** Builds the index: O(n log n) once. The index owns its arrays; shifts must not be mutated after. */
export function buildRotaIndex(
  shifts: readonly Shift[],
  overrides: readonly Override[],
): RotaIndex {
  const grouped = new Map<string, Shift[]>();
  for (const s of shifts) {
    const list = grouped.get(s.serviceId);
    if (list) list.push(s);
    else grouped.set(s.serviceId, [s]);
  }
  const byService = new Map<string, ServiceIndex>();
  for (const [serviceId, list] of grouped) {
    list.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    const starts = new Float64Array(list.length);
    const maxEnd = new Float64Array(list.length);
    let longestMs = 0;
    let runningEnd = -Infinity;
    list.forEach((s, i) => {
      starts[i] = s.startsAt.getTime();
      runningEnd = Math.max(runningEnd, s.endsAt.getTime());
      maxEnd[i] = runningEnd;
      longestMs = Math.max(longestMs, s.endsAt.getTime() - s.startsAt.getTime());
    });
    byService.set(serviceId, { shifts: list, starts, maxEnd, longestMs });
  }
  const overridesByShift = new Map<string, Override[]>();
  for (const o of overrides) {
    const list = overridesByShift.get(o.shiftId);
    if (list) list.push(o);
    else overridesByShift.set(o.shiftId, [o]);
  }
  return { byService, overridesByShift };
}

/** The shifts of a service running at `t` (ms), in no particular order. */
export function shiftsCovering(index: RotaIndex, serviceId: string, t: number): Shift[] {
  const service = index.byService.get(serviceId);
  if (!service) return [];
  // Last i with starts[i] <= t.
  let lo = 0;
  let hi = service.starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (service.starts[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  const out: Shift[] = [];
  for (let i = lo - 1; i >= 0; i -= 1) {
    if (service.maxEnd[i]! <= t || service.starts[i]! < t - service.longestMs) break;
    const s = service.shifts[i]!;
    if (s.endsAt.getTime() > t) out.push(s);
  }
  return out;
}

/**
 * `resolveOnDuty` on an index: same contacts, same order, in O(log n + k) for k shifts
 * running around `at` instead of a scan of the whole rota.
 */
export function resolveOnDutyIndexed(
  index: RotaIndex,
  query: {
    serviceId: string;
    at: Date;
    professionals: Map<string, Professional>;
    fallback?: FallbackLine | null;
  },
): Contact[] {
  const t = query.at.getTime();
  const covering = shiftsCovering(index, query.serviceId, t).sort(byRingOrder);
  return contactsOf(
    covering,
    (id) => index.overridesByShift.get(id),
    t,
    query.professionals,
    query.fallback,
  );
}
