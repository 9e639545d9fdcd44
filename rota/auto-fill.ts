import { localDateOf } from './calendar/local-date.js';
import type { OpenSlot } from './shift-template.js';
import type { Shift, ShiftKind, Unavailability } from './types.js';

export const defaultWeights: Record<ShiftKind, number> = { weeknight: 1, saturday: 1.5, sunday_holiday: 2, christmas_newyear: 3 };

export interface AutoFillInput {
  openSlots: OpenSlot[];
  professionalIds: string[];
  /** Shifts already assigned (they count in the load and the rest rules). */
  existingShifts: Shift[];
  unavailability: Unavailability[];
  maxPerMonth: number;
  minRestHours: number;
  timeZone: string;
  weights?: Record<ShiftKind, number>;
}

export interface AutoFillProposal {
  assignments: { slotKey: string; professionalId: string }[];
  unfilled: { slotKey: string; reason: string }[];
}

/**
 * Proposes a professional for each open slot: the least-loaded (weighted) professional who is
 * available, under the monthly maximum, rested enough, and not already on another level of
 * the same slot. Hardest slots first; ties broken by id, so the proposal is deterministic.
 */
export function proposeAutoFill(input: AutoFillInput): AutoFillProposal {
  const weights = input.weights ?? defaultWeights;
  const load = new Map(input.professionalIds.map((id) => [id, 0]));
  const perMonth = new Map<string, number>();
  const busy = new Map<string, { start: number; end: number }[]>(input.professionalIds.map((id) => [id, []]));
  const restMs = input.minRestHours * 3600_000;
  const monthKey = (id: string, at: Date) => `${id}|${localDateOf(at, input.timeZone).slice(0, 7)}`;

  for (const s of input.existingShifts) {
    if (!s.professionalId || !load.has(s.professionalId)) continue;
    load.set(s.professionalId, load.get(s.professionalId)! + weights[s.kind ?? 'weeknight']);
    busy.get(s.professionalId)!.push({ start: s.startsAt.getTime(), end: s.endsAt.getTime() });
    const key = monthKey(s.professionalId, s.startsAt);
    perMonth.set(key, (perMonth.get(key) ?? 0) + 1);
  }
  for (const u of input.unavailability) {
    // Leave blocks the interval itself, without rest padding.
    busy.get(u.professionalId)?.push({ start: u.startsAt.getTime() + restMs, end: u.endsAt.getTime() - restMs });
  }

  const slots = [...input.openSlots].sort(
    (a, b) => weights[b.kind] - weights[a.kind] || a.startsAt.getTime() - b.startsAt.getTime() || a.level - b.level,
  );
  const result: AutoFillProposal = { assignments: [], unfilled: [] };
  for (const slot of slots) {
    const start = slot.startsAt.getTime();
    const end = slot.endsAt.getTime();
    const candidates = input.professionalIds
      .filter((id) => (perMonth.get(monthKey(id, slot.startsAt)) ?? 0) < input.maxPerMonth)
      .filter((id) => busy.get(id)!.every((b) => end + restMs <= b.start || b.end + restMs <= start))
      .sort((a, b) => load.get(a)! - load.get(b)! || a.localeCompare(b));
    const chosen = candidates[0];
    if (!chosen) {
      result.unfilled.push({ slotKey: slot.key, reason: 'nobody available under the rest, leave and monthly limits' });
      continue;
    }
    result.assignments.push({ slotKey: slot.key, professionalId: chosen });
    load.set(chosen, load.get(chosen)! + weights[slot.kind]);
    busy.get(chosen)!.push({ start, end });
    const key = monthKey(chosen, slot.startsAt);
    perMonth.set(key, (perMonth.get(key) ?? 0) + 1);
  }
  return result;
}
