import { coverageGaps } from './gaps.js';
import type { OpenSlot } from './shift-template.js';
import type { Shift } from './types.js';

/**
 * The parts of the template's slots that nobody covers yet, at each slot's own level: a night
 * 20:00–08:00 whose shift was cut to 20:00–00:00 leaves 00:00–08:00 to propose. Uses the
 * gaps' sweep (rota/gaps.ts), so auto-fill and `/gaps` agree on what is open. A covered slot
 * disappears; a partly covered one comes back as its uncovered pieces, each with its own key
 * (`${slot.key}|${start ISO}` when it is not the whole slot). Open shifts cover nothing.
 */
export function uncoveredSlots(slots: readonly OpenSlot[], shifts: readonly Shift[]): OpenSlot[] {
  const byLevel = new Map<number, Shift[]>();
  for (const s of shifts) {
    if (!s.professionalId) continue;
    // Each level is swept on its own, as level 1, so other levels never cover it.
    byLevel.set(s.level, [...(byLevel.get(s.level) ?? []), { ...s, level: 1 }]);
  }
  return slots.flatMap((slot) => {
    const gaps = coverageGaps(
      [{ start: slot.startsAt, end: slot.endsAt }],
      (byLevel.get(slot.level) ?? []).filter(
        (s) =>
          s.serviceId === slot.serviceId && s.startsAt < slot.endsAt && slot.startsAt < s.endsAt,
      ),
      1,
    );
    return gaps.map((gap): OpenSlot => {
      const whole = +gap.start === +slot.startsAt && +gap.end === +slot.endsAt;
      return whole
        ? slot
        : {
            ...slot,
            key: `${slot.key}|${gap.start.toISOString()}`,
            startsAt: gap.start,
            endsAt: gap.end,
          };
    });
  });
}
