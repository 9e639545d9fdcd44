import type { Queryable } from '../../../db/client.js';
import { proposeAutoFill, type AutoFillProposal } from '../../../rota/auto-fill.js';
import { territoryCalendar } from '../../../rota/calendar/territory-calendar.js';
import { uncoveredSlots } from '../../../rota/auto-fill-coverage.js';
import type { PdsaCalendar } from '../../../rota/calendar/pdsa.js';
import { expandTemplate, type OpenSlot } from '../../../rota/shift-template.js';
import { classifySlot, shiftKindOfSlot } from '../../../rota/slot-weights.js';
import { confirmedDays, type ServiceRow, type TerritoryRow } from '../../territories/store.js';
import { activeShiftsOf } from '../shifts/store.js';
import { leaveOf } from '../unavailability/store.js';
import { memberIdsOf, territoryShiftsOf } from './store.js';

export interface ServiceProposal extends AutoFillProposal {
  /** The template's slots (or their uncovered parts) over the range that nobody covers yet. */
  slots: OpenSlot[];
}

export interface AutoFillLimits {
  maxPerMonth: number;
  minRestHours: number;
}
export const defaultLimits: AutoFillLimits = { maxPerMonth: 6, minRestHours: 11 };

const dayMs = 86_400_000;
/** The load counts at least the last 12 months before the window (366 days: leap years too). */
export const loadHistoryMs = 366 * dayMs;
/** Heavy slots (Christmas, New Year…) remember two years, so they rotate among more people. */
export const heavyHistoryMs = 2 * 366 * dayMs;

/** The territory's calendar over whole years, ponts and local holidays included. */
export async function territorySlotCalendar(
  q: Queryable,
  territory: TerritoryRow,
  fromYear: number,
  toYear: number,
): Promise<PdsaCalendar> {
  return territoryCalendar(
    { timeZone: territory.timeZone, ...territory.settings },
    await confirmedDays(q, territory.id),
    fromYear,
    toYear,
  );
}

/**
 * Load → compute: the parts of a service's template slots over local dates that nobody covers
 * yet, and who could take them. The members' shifts on every service of the territory over the
 * two years before count: the last 12 months in the load, all of it in the heavy slots' history,
 * and nobody is proposed over a shift they hold elsewhere.
 */
export async function proposeForService(
  q: Queryable,
  service: ServiceRow,
  territory: TerritoryRow,
  from: string,
  to: string,
  limits: AutoFillLimits,
): Promise<ServiceProposal> {
  const year = Number(from.slice(0, 4));
  const calendar = await territorySlotCalendar(q, territory, year - 3, Number(to.slice(0, 4)) + 1);
  const slots = expandTemplate(service.id, service.template, from, to, calendar);
  if (slots.length === 0) return { assignments: [], unfilled: [], slots: [] };
  const start = new Date(Math.min(...slots.map((s) => s.startsAt.getTime())));
  const end = new Date(Math.max(...slots.map((s) => s.endsAt.getTime())));
  const existing = await activeShiftsOf(q, service.id, start, end);
  const open = uncoveredSlots(
    slots,
    existing.map((s) => ({ ...s, kind: undefined })),
  ).map((s) => ({
    ...s,
    kind: shiftKindOfSlot(classifySlot(s.startsAt, s.endsAt, calendar).kind),
  }));
  const members = await memberIdsOf(q, service.id);
  // The rest rule looks a day beyond the window on both sides.
  const held = await territoryShiftsOf(
    q,
    territory.id,
    members,
    new Date(start.getTime() - heavyHistoryMs),
    new Date(end.getTime() + dayMs),
  );
  const proposal = proposeAutoFill({
    openSlots: open,
    professionalIds: members,
    existingShifts: held,
    loadSince: new Date(start.getTime() - loadHistoryMs),
    calendar,
    slotWeights: territory.slotWeights,
    unavailability: await leaveOf(q, members, start, end),
    ...limits,
    timeZone: territory.timeZone,
  });
  return { ...proposal, slots: open };
}

export interface Assignment {
  startsAt: Date;
  endsAt: Date;
  level: number;
  kind: OpenSlot['kind'];
  professionalId: string;
}

/** The proposal's assignments with their slots' times, ready to accept. */
export function assignmentsOf(proposal: ServiceProposal): Assignment[] {
  const bySlot = new Map(proposal.slots.map((s) => [s.key, s]));
  return proposal.assignments.flatMap((a) => {
    const slot = bySlot.get(a.slotKey);
    return slot
      ? [
          {
            startsAt: slot.startsAt,
            endsAt: slot.endsAt,
            level: slot.level,
            kind: slot.kind,
            professionalId: a.professionalId,
          },
        ]
      : [];
  });
}
