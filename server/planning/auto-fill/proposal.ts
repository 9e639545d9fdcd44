import type { Queryable } from '../../../db/client.js';
import { proposeAutoFill, type AutoFillProposal } from '../../../rota/auto-fill.js';
import { territoryCalendar } from '../../../rota/calendar/territory-calendar.js';
import { expandTemplate, type OpenSlot } from '../../../rota/shift-template.js';
import { confirmedDays, type ServiceRow, type TerritoryRow } from '../../territories/store.js';
import { activeShiftsOf } from '../shifts/store.js';
import { leaveOf } from '../unavailability/store.js';
import { memberIdsOf } from './store.js';

export interface ServiceProposal extends AutoFillProposal {
  /** The template's slots over the range that nobody covers yet. */
  slots: OpenSlot[];
}

export interface AutoFillLimits {
  maxPerMonth: number;
  minRestHours: number;
}
export const defaultLimits: AutoFillLimits = { maxPerMonth: 6, minRestHours: 11 };

/** Load → compute: the open slots of a service's template over local dates, and who could take them. */
export async function proposeForService(
  q: Queryable,
  service: ServiceRow,
  territory: TerritoryRow,
  from: string,
  to: string,
  limits: AutoFillLimits,
): Promise<ServiceProposal> {
  const year = Number(from.slice(0, 4));
  const calendar = territoryCalendar(
    { timeZone: territory.timeZone, ...territory.settings },
    await confirmedDays(q, territory.id),
    year,
    year + 1,
  );
  const slots = expandTemplate(service.id, service.template, from, to, calendar);
  if (slots.length === 0) return { assignments: [], unfilled: [], slots: [] };
  const start = new Date(Math.min(...slots.map((s) => s.startsAt.getTime())));
  const end = new Date(Math.max(...slots.map((s) => s.endsAt.getTime())));
  const existing = await activeShiftsOf(q, service.id, start, end);
  const taken = new Set(
    existing.filter((s) => s.professionalId).map((s) => `${s.startsAt.getTime()}|${s.level}`),
  );
  const open = slots.filter((s) => !taken.has(`${s.startsAt.getTime()}|${s.level}`));
  const members = await memberIdsOf(q, service.id);
  const proposal = proposeAutoFill({
    openSlots: open,
    professionalIds: members,
    existingShifts: existing.map((s) => ({ ...s, kind: s.kind ?? undefined })),
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
