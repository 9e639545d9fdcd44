import { activeOverride } from './on-duty.js';
import type { Override } from './types.js';

/**
 * A shift cut by its overrides into the parts each person actually holds, for the iCal feeds:
 * the replacing doctor's calendar gets the overridden part, the replaced one's keeps the rest.
 * Where overrides overlap, the same rule as the phone line picks the holder (activeOverride),
 * so a calendar never names someone the line would not ring.
 */

export interface OverridableShift {
  id: string;
  startsAt: Date;
  endsAt: Date;
  /** Null for an open shift: its parts not overridden stay open. */
  professionalId: string | null;
}

export interface ShiftPart {
  shiftId: string;
  /** The override this part comes from; null for the shift holder's own time. */
  overrideId: string | null;
  professionalId: string | null;
  startsAt: Date;
  endsAt: Date;
  /** Stable per (shift, override, rank): the event's UID stem across feed polls. */
  key: string;
}

/** The parts of `shift` in time order; overrides of other shifts are ignored, and clipped. */
export function shiftParts(shift: OverridableShift, overrides: readonly Override[]): ShiftPart[] {
  const start = shift.startsAt.getTime();
  const end = shift.endsAt.getTime();
  const mine = overrides.filter(
    (o) => o.shiftId === shift.id && o.startsAt.getTime() < end && o.endsAt.getTime() > start,
  );
  const cuts = new Set([start, end]);
  for (const o of mine) {
    cuts.add(Math.max(start, o.startsAt.getTime()));
    cuts.add(Math.min(end, o.endsAt.getTime()));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const parts: Omit<ShiftPart, 'key'>[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const from = points[i]!;
    const to = points[i + 1]!;
    const o = activeOverride(mine, from);
    const last = parts.at(-1);
    const overrideId = o?.id ?? null;
    const professionalId = o ? o.professionalId : shift.professionalId;
    // Neighbouring pieces held by the same person make one event, not a calendar of slivers
    // (two overrides by the same doctor back to back are one stretch of their night).
    if (last && last.professionalId === professionalId && last.endsAt.getTime() === from) {
      last.endsAt = new Date(to);
      continue;
    }
    parts.push({
      shiftId: shift.id,
      overrideId,
      professionalId,
      startsAt: new Date(from),
      endsAt: new Date(to),
    });
  }
  // The holder's first part keeps the shift's own key (an un-overridden shift's UID is unchanged);
  // every other part is numbered per source so it keeps its key while nothing else changes.
  const ranks = new Map<string, number>();
  return parts.map((p) => {
    const source = p.overrideId ?? '';
    const rank = ranks.get(source) ?? 0;
    ranks.set(source, rank + 1);
    const stem = p.overrideId ? `${shift.id}.${p.overrideId}` : shift.id;
    return { ...p, key: rank === 0 ? stem : `${stem}.${rank + 1}` };
  });
}
