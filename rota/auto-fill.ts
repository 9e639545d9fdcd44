import { localDateOf } from './calendar/local-date.js';
import { defaultWeights, withDefaultWeights, type ShiftWeights } from './shift-kind.js';
import type { OpenSlot } from './shift-template.js';
import type { Shift, Unavailability } from './types.js';

/**
 * Auto-fill: a first draft of the rota for the coordinator to correct, never applied blindly.
 * Greedy: the heaviest slots (Christmas, then Sundays…) are placed first while everyone is
 * still free, each to the eligible professional with the lowest weighted load so far.
 * Deterministic: every tie is broken by id, so the same input gives the same proposal.
 */

export { defaultWeights };

export interface AutoFillInput {
  openSlots: OpenSlot[];
  /** Who may be proposed, for every service. Ignored when `professionals` is given. */
  professionalIds?: string[];
  /** Who may be proposed; `serviceIds` restricts a professional to those services. */
  professionals?: { id: string; serviceIds?: string[] }[];
  /** Shifts already assigned (they count in the load, the monthly maximum and the rest rules). */
  existingShifts: Shift[];
  unavailability: Unavailability[];
  /** Shifts per professional per local calendar month, existing ones included. */
  maxPerMonth: number;
  /** Minimum hours between the end of one shift and the start of the next (11 h in law). */
  minRestHours: number;
  timeZone: string;
  /** Weights per kind; missing kinds take `defaultWeights`. */
  weights?: Partial<ShiftWeights>;
}

/** Why nobody could take a slot: the rule that stopped most candidates. */
export type UnfilledCode =
  'no_professional' | 'unavailable' | 'monthly_limit' | 'rest' | 'same_slot';

export interface AutoFillProposal {
  assignments: { slotKey: string; professionalId: string }[];
  /** `reason` is French text for the coordinator; `code` is for programs. */
  unfilled: { slotKey: string; reason: string; code: UnfilledCode }[];
}

interface Candidate {
  id: string;
  serviceIds: Set<string> | null;
  load: number;
  count: number;
  perMonth: Map<string, number>;
  busy: { start: number; end: number }[];
  leave: { start: number; end: number }[];
}

const reasonText: Record<UnfilledCode, string> = {
  no_professional: 'aucun professionnel du service',
  unavailable: 'tous indisponibles (congés)',
  monthly_limit: 'maximum de gardes du mois atteint',
  rest: 'repos minimal entre deux gardes non respecté',
  same_slot: 'déjà de garde sur ce créneau à un autre niveau',
};

/**
 * Proposes a professional for each open slot: the least-loaded (weighted, then by count, then
 * by id) professional who is eligible for the service, not on leave, under the monthly
 * maximum, rested `minRestHours` before and after, and not on another level of the same slot.
 * A slot nobody can take is reported in `unfilled` with the rule that blocked most candidates.
 */
export function proposeAutoFill(input: AutoFillInput): AutoFillProposal {
  const weights = withDefaultWeights(input.weights);
  const restMs = input.minRestHours * 3600_000;
  const month = (at: Date) => localDateOf(at, input.timeZone).slice(0, 7);
  const people = (
    input.professionals ??
    (input.professionalIds ?? []).map((id) => ({ id, serviceIds: undefined }))
  )
    .map((p): Candidate => ({
      id: p.id,
      serviceIds: p.serviceIds ? new Set(p.serviceIds) : null,
      load: 0,
      count: 0,
      perMonth: new Map(),
      busy: [],
      leave: [],
    }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const byId = new Map(people.map((p) => [p.id, p]));
  const onSlot = new Map<string, Set<string>>();
  const slotOf = (serviceId: string, start: Date, end: Date) =>
    `${serviceId}|${start.getTime()}|${end.getTime()}`;

  const book = (p: Candidate, serviceId: string, start: Date, end: Date, weight: number) => {
    p.load += weight;
    p.count += 1;
    p.busy.push({ start: start.getTime(), end: end.getTime() });
    p.perMonth.set(month(start), (p.perMonth.get(month(start)) ?? 0) + 1);
    const key = slotOf(serviceId, start, end);
    onSlot.set(key, (onSlot.get(key) ?? new Set()).add(p.id));
  };
  for (const s of input.existingShifts) {
    const p = s.professionalId ? byId.get(s.professionalId) : undefined;
    if (p) book(p, s.serviceId, s.startsAt, s.endsAt, weights[s.kind ?? 'weeknight']);
  }
  for (const u of input.unavailability)
    byId
      .get(u.professionalId)
      ?.leave.push({ start: u.startsAt.getTime(), end: u.endsAt.getTime() });

  const blockedBy = (
    p: Candidate,
    slot: OpenSlot,
    start: number,
    end: number,
  ): UnfilledCode | null => {
    if (p.leave.some((l) => start < l.end && l.start < end)) return 'unavailable';
    if (onSlot.get(slotOf(slot.serviceId, slot.startsAt, slot.endsAt))?.has(p.id))
      return 'same_slot';
    if ((p.perMonth.get(month(slot.startsAt)) ?? 0) >= input.maxPerMonth) return 'monthly_limit';
    if (!p.busy.every((b) => end + restMs <= b.start || b.end + restMs <= start)) return 'rest';
    return null;
  };

  const slots = [...input.openSlots].sort(
    (a, b) =>
      weights[b.kind] - weights[a.kind] ||
      a.startsAt.getTime() - b.startsAt.getTime() ||
      a.level - b.level ||
      (a.key < b.key ? -1 : 1),
  );
  const result: AutoFillProposal = { assignments: [], unfilled: [] };
  for (const slot of slots) {
    const [start, end] = [slot.startsAt.getTime(), slot.endsAt.getTime()];
    const blocked = new Map<UnfilledCode, number>();
    let chosen: Candidate | undefined;
    // `people` is sorted by id and only a strictly lighter load replaces `chosen`: ties go to the smaller id.
    for (const p of people) {
      if (p.serviceIds && !p.serviceIds.has(slot.serviceId)) continue;
      const why = blockedBy(p, slot, start, end);
      if (why) blocked.set(why, (blocked.get(why) ?? 0) + 1);
      else if (
        !chosen ||
        p.load < chosen.load ||
        (p.load === chosen.load && p.count < chosen.count)
      )
        chosen = p;
    }
    if (chosen) {
      result.assignments.push({ slotKey: slot.key, professionalId: chosen.id });
      book(chosen, slot.serviceId, slot.startsAt, slot.endsAt, weights[slot.kind]);
      continue;
    }
    const code = [...blocked].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'no_professional';
    result.unfilled.push({ slotKey: slot.key, code, reason: reasonText[code] });
  }
  return result;
}
