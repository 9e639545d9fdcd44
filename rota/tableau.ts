import { addDays, localDateOf, localHourMinute } from './calendar/local-date.js';
import { shiftParts } from './overrides.js';
import type { Override } from './types.js';

/**
 * The tableau de garde (Code de la santé publique R6315-2): for a sector and at least three
 * months, each slot with the name, the modality and the place of each doctor; sent to the
 * conseil départemental de l'Ordre at least 45 days ahead; after the period, who actually
 * worked each slot (the réalisé). Pure: dates, instants and the time zone are arguments.
 */

export type Modality = 'consultation' | 'visite' | 'regulation';

/** How the modality reads on the tableau (French, what the Ordre and the ARS read). */
export const modalityLabel: Record<Modality, string> = {
  consultation: 'Consultation à la MMG',
  visite: 'Visite à domicile',
  regulation: 'Régulation téléphonique',
};

/** Days before its start by which a period must have been sent to the Ordre. */
export const sendingNoticeDays = 45;

/** One slot of the tableau, in local wall-clock time; `key` identifies it across versions. */
export interface TableauSlot {
  /** Start instant (ISO) and level: the identity of a shift, as the CSV import reads it. */
  key: string;
  date: string;
  start: string;
  end: string;
  endDate: string;
  level: number;
  professionalId: string | null;
  /** Full name of the doctor; null for an open slot. */
  name: string | null;
  modality: Modality;
  place: string;
}

export interface TableauShift {
  id: string;
  professionalId: string | null;
  startsAt: Date;
  endsAt: Date;
  level: number;
}

export interface TableauContext {
  names: ReadonlyMap<string, string>;
  /** The service's template slots: one whose hours match a shift gives it its modality. */
  template: readonly { start: string; end: string; modality?: Modality }[];
  modality: Modality;
  place: string;
  timeZone: string;
}

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** Local date and HH:MM of a start and an end. */
export function wallTimes(startsAt: Date, endsAt: Date, timeZone: string) {
  return {
    date: localDateOf(startsAt, timeZone),
    start: hhmm(localHourMinute(startsAt, timeZone)),
    end: hhmm(localHourMinute(endsAt, timeZone)),
    endDate: localDateOf(endsAt, timeZone),
  };
}

/** The modality of a slot: its template slot's (same local hours) or else the service's. */
export function modalityOf(start: string, end: string, ctx: TableauContext): Modality {
  const slot = ctx.template.find(
    (s) => s.modality && s.start === start && (s.end === '24:00' ? '00:00' : s.end) === end,
  );
  return slot?.modality ?? ctx.modality;
}

/** The tableau's slots, in the order of the shifts given (time, then level). */
export function tableauSlots(shifts: readonly TableauShift[], ctx: TableauContext): TableauSlot[] {
  return shifts.map((s) => {
    const times = wallTimes(s.startsAt, s.endsAt, ctx.timeZone);
    return {
      key: `${s.startsAt.toISOString()}|${s.level}`,
      ...times,
      level: s.level,
      professionalId: s.professionalId,
      name: s.professionalId ? (ctx.names.get(s.professionalId) ?? null) : null,
      modality: modalityOf(times.start, times.end, ctx),
      place: ctx.place,
    };
  });
}

const daysBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;

/** The same day `months` later (clamped to the month's last day: 30 Nov + 3 → 28 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  const at = new Date(Date.UTC(y, m - 1 + months, Math.min(d, last)));
  return at.toISOString().slice(0, 10);
}

/**
 * Why a period cannot be a tableau, in French, or null: the end must not come before the start,
 * and it must cover at least three months (1 January → 31 March is enough).
 */
export function periodProblem(startsOn: string, endsOn: string): string | null {
  if (endsOn < startsOn) return 'la fin doit suivre le début';
  if (endsOn < addDays(addMonths(startsOn, 3), -1))
    return 'un tableau de garde couvre au moins trois mois (article R6315-2)';
  return null;
}

export type SendingStatus =
  /** Sent to the Ordre. */
  | { state: 'sent' }
  /** Not sent, and it starts in less than 45 days (or has begun): the warning. */
  | { state: 'late'; daysLeft: number }
  /** Not sent yet, time remains until `deadline`. */
  | { state: 'due'; deadline: string }
  /** The period is over: the réalisé is what remains to send. */
  | { state: 'over'; sent: boolean };

/** Where a period stands on `today` (local date) with regard to the Ordre. */
export function sendingStatus(
  period: { startsOn: string; endsOn: string; sentOn: string | null },
  today: string,
): SendingStatus {
  if (today > period.endsOn) return { state: 'over', sent: period.sentOn !== null };
  if (period.sentOn) return { state: 'sent' };
  const daysLeft = daysBetween(today, period.startsOn);
  if (daysLeft < sendingNoticeDays) return { state: 'late', daysLeft };
  return { state: 'due', deadline: addDays(period.startsOn, -sendingNoticeDays) };
}

export type TableauChange =
  | { kind: 'added'; slot: TableauSlot }
  | { kind: 'removed'; slot: TableauSlot }
  | { kind: 'changed'; before: TableauSlot; after: TableauSlot };

const sameSlot = (a: TableauSlot, b: TableauSlot) =>
  a.professionalId === b.professionalId &&
  a.end === b.end &&
  a.endDate === b.endDate &&
  a.modality === b.modality &&
  a.place === b.place;

/** What changed between the tableau as sent and as it is now, in time order. */
export function changesSince(sent: readonly TableauSlot[], now: readonly TableauSlot[]) {
  const before = new Map(sent.map((s) => [s.key, s]));
  const after = new Map(now.map((s) => [s.key, s]));
  const changes: TableauChange[] = [];
  for (const slot of now) {
    const was = before.get(slot.key);
    if (!was) changes.push({ kind: 'added', slot });
    else if (!sameSlot(was, slot)) changes.push({ kind: 'changed', before: was, after: slot });
  }
  for (const slot of sent) if (!after.has(slot.key)) changes.push({ kind: 'removed', slot });
  const keyOf = (c: TableauChange) => (c.kind === 'changed' ? c.after.key : c.slot.key);
  return changes.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
}

/** Why the doctor who worked is not the one planned. */
export type RealisedReason = 'conforme' | 'remplacement' | 'echange' | 'modification';

/** One stretch of a slot as it was actually held. */
export interface RealisedSlot extends Omit<TableauSlot, 'professionalId' | 'name'> {
  plannedId: string | null;
  planned: string | null;
  workedId: string | null;
  worked: string | null;
  reason: RealisedReason;
}

export interface ApprovedSwap {
  shiftId: string;
  offeredBy: string;
  decidedAt: Date | null;
}

/**
 * Who actually worked each slot: each shift cut by its overrides (the holder the phone line rang,
 * `shiftParts`), its doctor after approved swaps. The planned doctor is the one of the tableau as
 * sent when there is one, else the one who offered the shift's first approved swap.
 */
export function realisedSlots(
  shifts: readonly TableauShift[],
  overrides: readonly Override[],
  swaps: readonly ApprovedSwap[],
  ctx: TableauContext,
  sent: readonly TableauSlot[] | null,
): RealisedSlot[] {
  const sentByKey = new Map((sent ?? []).map((s) => [s.key, s]));
  const nameOf = (id: string | null) => (id ? (ctx.names.get(id) ?? null) : null);
  return shifts.flatMap((shift) => {
    const [slot] = tableauSlots([shift], ctx);
    const firstSwap = swaps
      .filter((w) => w.shiftId === shift.id)
      .sort((a, b) => (a.decidedAt?.getTime() ?? 0) - (b.decidedAt?.getTime() ?? 0))[0];
    const asSent = sentByKey.get(slot!.key);
    const plannedId = asSent
      ? asSent.professionalId
      : (firstSwap?.offeredBy ?? shift.professionalId);
    return shiftParts(shift, overrides).map((part) => {
      const times = wallTimes(part.startsAt, part.endsAt, ctx.timeZone);
      const reason: RealisedReason = part.overrideId
        ? 'remplacement'
        : part.professionalId === plannedId
          ? 'conforme'
          : firstSwap
            ? 'echange'
            : 'modification';
      return {
        ...slot!,
        ...times,
        plannedId,
        planned: nameOf(plannedId),
        workedId: part.professionalId,
        worked: nameOf(part.professionalId),
        reason,
      };
    });
  });
}

/** How the reason reads on the réalisé. */
export const reasonLabel: Record<RealisedReason, string> = {
  conforme: 'conforme au tableau',
  remplacement: 'remplacement',
  echange: 'échange de garde',
  modification: 'modification du planning',
};
