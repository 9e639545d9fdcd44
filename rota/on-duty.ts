import type { Contact, Override, Professional, Shift, Unavailability } from './types.js';

/**
 * Who is on duty: the pure answer the phone line asks on every call, and the ordering rules.
 * A linear scan: the adapters hand it one service's window around the instant, never a
 * whole history (see BENCHMARKS.md).
 */

/** The staffed line rung after everyone on the rota (or alone when nobody is). */
export interface FallbackLine {
  name: string;
  phone: string;
}

export interface OnDutyInput {
  serviceId: string;
  at: Date;
  shifts: Shift[];
  overrides: Override[];
  professionals: Map<string, Professional>;
  /** The territory's staffed fallback line, rung after everyone on the rota. */
  fallback?: FallbackLine | null;
  /** Recorded leave: a professional on leave at `at` is not rung; the next level is. */
  leave?: readonly Unavailability[];
}

/** Level given to the fallback contact: after any escalation level a rota can have. */
export const fallbackLevel = 99;

/** The order in which covering shifts are rung: level, then earliest start, then id. */
export function byRingOrder(a: Shift, b: Shift): number {
  return (
    a.level - b.level ||
    a.startsAt.getTime() - b.startsAt.getTime() ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** Does `[startsAt, endsAt)` contain `t` (ms)? Ends are exclusive so handovers ring one person. */
export function covers(interval: { startsAt: Date; endsAt: Date }, t: number): boolean {
  return interval.startsAt.getTime() <= t && t < interval.endsAt.getTime();
}

/**
 * Of several overrides of one shift active at `t`, the one that started last wins (it is the
 * most specific); ties go to the greater id, so the answer never depends on input order.
 */
export function activeOverride(
  overrides: readonly Override[] | undefined,
  t: number,
): Override | undefined {
  let best: Override | undefined;
  for (const o of overrides ?? []) {
    if (!covers(o, t)) continue;
    if (
      !best ||
      o.startsAt > best.startsAt ||
      (o.startsAt.getTime() === best.startsAt.getTime() && o.id > best.id)
    )
      best = o;
  }
  return best;
}

/**
 * Turns the shifts covering `t`, already in ring order, into contacts: override applied,
 * open shifts and unknown professionals skipped, each phone once (at its lowest level),
 * fallback last unless its number was already rung.
 */
export function contactsOf(
  covering: readonly Shift[],
  overridesOf: (shiftId: string) => readonly Override[] | undefined,
  t: number,
  professionals: Map<string, Professional>,
  fallback: FallbackLine | null | undefined,
  leave: readonly Unavailability[] = [],
): Contact[] {
  // A doctor on leave never answers: ringing them only delays the next level by a timeout.
  const away = new Set(leave.filter((u) => covers(u, t)).map((u) => u.professionalId));
  const contacts: Contact[] = [];
  const seen = new Set<string>();
  for (const shift of covering) {
    const override = activeOverride(overridesOf(shift.id), t);
    const professionalId = override?.professionalId ?? shift.professionalId;
    if (!professionalId || away.has(professionalId)) continue;
    const person = professionals.get(professionalId);
    if (!person || seen.has(person.mobile)) continue;
    seen.add(person.mobile);
    contacts.push({
      professionalId,
      name: person.name,
      phone: person.mobile,
      level: shift.level,
      source: override ? 'override' : 'shift',
      shiftId: shift.id,
    });
  }
  if (fallback && !seen.has(fallback.phone)) {
    contacts.push({
      professionalId: null,
      name: fallback.name,
      phone: fallback.phone,
      level: fallbackLevel,
      source: 'fallback',
      shiftId: null,
    });
  }
  return contacts;
}

/**
 * Who the phone must ring at `at`, in order: each active level's professional (an override
 * replaces the shift's professional during its interval), lowest level first, anyone on leave
 * skipped; the same phone
 * is rung once; the fallback line last — alone when nobody is on the rota. Linear in the
 * number of shifts: fine for the window the adapters load.
 */
export function resolveOnDuty(input: OnDutyInput): Contact[] {
  const t = input.at.getTime();
  const covering = input.shifts
    .filter((s) => s.serviceId === input.serviceId && covers(s, t))
    .sort(byRingOrder);
  const overridesOf = (shiftId: string) => input.overrides.filter((o) => o.shiftId === shiftId);
  return contactsOf(covering, overridesOf, t, input.professionals, input.fallback, input.leave);
}
