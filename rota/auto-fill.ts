import { localDateOf } from './calendar/local-date.js';
import { tieBreakRank } from './auto-fill-tie-break.js';
import { defaultWeights, withDefaultWeights, type ShiftWeights } from './shift-kind.js';
import type { ShiftKind } from './types.js';
import {
  classifySlot,
  withDefaultSlotWeights,
  type HeavySlot,
  type SlotCalendar,
  type SlotWeights,
} from './slot-weights.js';
import type { OpenSlot } from './shift-template.js';
import type { Shift, Unavailability } from './types.js';

/**
 * Auto-fill: a first draft of the rota for the coordinator to correct, never applied blindly.
 * Greedy: the heaviest slots (Christmas, then Sundays…) are placed first while everyone is
 * still free, each to the eligible professional who had that heavy slot least often (Christmas
 * rotates from one year to the next), then with the lowest weighted load so far, history and
 * other services included. Deterministic: ties are broken by a seeded hash of (professional,
 * slot start), so the same input gives the same proposal and no id wins every tie.
 */

export { defaultWeights };

export interface AutoFillInput {
  openSlots: OpenSlot[];
  /** Who may be proposed, for every service. Ignored when `professionals` is given. */
  professionalIds?: string[];
  /** Who may be proposed; `serviceIds` restricts a professional to those services. */
  professionals?: { id: string; serviceIds?: string[] }[];
  /**
   * Shifts already assigned, on any service of the territory (they count in the load, the heavy
   * slots' history, the monthly maximum, the rest rules, and nobody is proposed over one).
   */
  existingShifts: Shift[];
  /** Existing shifts starting before this count only in the heavy slots' history, not the load. */
  loadSince?: Date;
  /**
   * The territory's calendar: when given, every slot and shift is classified from its times
   * (rota/slot-weights.ts) and weighed with `slotWeights`; otherwise by its `kind` and `weights`.
   */
  calendar?: SlotCalendar;
  /** Weights per slot kind; missing kinds take `defaultSlotWeights`. Used with `calendar`. */
  slotWeights?: Partial<SlotWeights>;
  unavailability: Unavailability[];
  /** Shifts per professional per local calendar month, existing ones included. */
  maxPerMonth: number;
  /** Minimum hours between the end of one shift and the start of the next (11 h in law). */
  minRestHours: number;
  timeZone: string;
  /** Weights per stored kind, without `calendar`; missing kinds take `defaultWeights`. */
  weights?: Partial<ShiftWeights>;
}

/** Why nobody could take a slot: the rule that stopped most candidates. */
export type UnfilledCode =
  'no_professional' | 'unavailable' | 'monthly_limit' | 'rest' | 'same_slot' | 'busy';

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
  heavy: Map<HeavySlot, number>;
  busy: { start: number; end: number }[];
  leave: { start: number; end: number }[];
}

const reasonText: Record<UnfilledCode, string> = {
  no_professional: 'aucun professionnel du service',
  unavailable: 'tous indisponibles (congés)',
  monthly_limit: 'maximum de gardes du mois atteint',
  rest: 'repos minimal entre deux gardes non respecté',
  same_slot: 'déjà de garde sur ce créneau à un autre niveau',
  busy: 'déjà de garde à ce moment (sur un autre service)',
};

const sameLoad = (a: number, b: number) => Math.abs(a - b) < 1e-9;

/**
 * Proposes a professional for each open slot: among those eligible for the service, not on
 * leave, not on duty elsewhere then, under the monthly maximum, rested `minRestHours` before
 * and after, and not on another level of the same slot, the one who had the slot's heavy kind
 * (Christmas, New Year, 14 July, 15 August, long weekend) least often, then the least loaded
 * (weighted, then by count), then the first by `tieBreakRank`.
 * A slot nobody can take is reported in `unfilled` with the rule that blocked most candidates.
 */
export function proposeAutoFill(input: AutoFillInput): AutoFillProposal {
  const weights = withDefaultWeights(input.weights);
  const slotWeights = withDefaultSlotWeights(input.slotWeights);
  const classOf = (start: Date, end: Date, kind: ShiftKind | undefined) =>
    input.calendar
      ? classifySlot(start, end, input.calendar, slotWeights)
      : { weight: weights[kind ?? 'weeknight'], heavy: null };
  const loadSince = input.loadSince?.getTime() ?? -Infinity;
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
      heavy: new Map(),
      busy: [],
      leave: [],
    }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const byId = new Map(people.map((p) => [p.id, p]));
  const onSlot = new Map<string, Set<string>>();
  const slotOf = (serviceId: string, start: Date, end: Date) =>
    `${serviceId}|${start.getTime()}|${end.getTime()}`;

  const book = (p: Candidate, serviceId: string, start: Date, end: Date, kind?: ShiftKind) => {
    const { weight, heavy } = classOf(start, end, kind);
    if (heavy) p.heavy.set(heavy, (p.heavy.get(heavy) ?? 0) + 1);
    if (start.getTime() < loadSince) return;
    p.load += weight;
    p.count += 1;
    p.busy.push({ start: start.getTime(), end: end.getTime() });
    p.perMonth.set(month(start), (p.perMonth.get(month(start)) ?? 0) + 1);
    const key = slotOf(serviceId, start, end);
    onSlot.set(key, (onSlot.get(key) ?? new Set()).add(p.id));
  };
  for (const s of input.existingShifts) {
    const p = s.professionalId ? byId.get(s.professionalId) : undefined;
    if (p) book(p, s.serviceId, s.startsAt, s.endsAt, s.kind);
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
    if (p.busy.some((b) => start < b.end && b.start < end)) return 'busy';
    if ((p.perMonth.get(month(slot.startsAt)) ?? 0) >= input.maxPerMonth) return 'monthly_limit';
    if (!p.busy.every((b) => end + restMs <= b.start || b.end + restMs <= start)) return 'rest';
    return null;
  };

  const classes = new Map(
    input.openSlots.map((s) => [s.key, classOf(s.startsAt, s.endsAt, s.kind)]),
  );
  const slots = [...input.openSlots].sort(
    (a, b) =>
      classes.get(b.key)!.weight - classes.get(a.key)!.weight ||
      a.startsAt.getTime() - b.startsAt.getTime() ||
      a.level - b.level ||
      (a.key < b.key ? -1 : 1),
  );
  const result: AutoFillProposal = { assignments: [], unfilled: [] };
  for (const slot of slots) {
    const [start, end] = [slot.startsAt.getTime(), slot.endsAt.getTime()];
    const blocked = new Map<UnfilledCode, number>();
    const heavy = classes.get(slot.key)!.heavy;
    const rank = (p: Candidate) => [
      heavy ? (p.heavy.get(heavy) ?? 0) : 0,
      p.load,
      p.count,
      tieBreakRank(p.id, slot.startsAt),
    ];
    let chosen: { p: Candidate; rank: number[] } | undefined;
    for (const p of people) {
      if (p.serviceIds && !p.serviceIds.has(slot.serviceId)) continue;
      const why = blockedBy(p, slot, start, end);
      if (why) {
        blocked.set(why, (blocked.get(why) ?? 0) + 1);
        continue;
      }
      const mine = rank(p);
      if (!chosen || before(mine, chosen.rank)) chosen = { p, rank: mine };
    }
    if (chosen) {
      result.assignments.push({ slotKey: slot.key, professionalId: chosen.p.id });
      book(chosen.p, slot.serviceId, slot.startsAt, slot.endsAt, slot.kind);
      continue;
    }
    const code = [...blocked].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'no_professional';
    result.unfilled.push({ slotKey: slot.key, code, reason: reasonText[code] });
  }
  return result;
}

/** Lexicographic order of two ranks; loads equal to rounding count as a tie. */
function before(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i += 1) {
    if (sameLoad(a[i]!, b[i]!)) continue;
    return a[i]! < b[i]!;
  }
  return false;
}
