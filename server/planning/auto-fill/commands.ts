import { auditActorOf } from '../../access/actor.js';
import { and, eq, gt, inArray, lt } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import { recordAudit } from '../../platform/audit.js';
import {
  serviceMembers,
  services,
  shifts,
  territories,
  unavailabilities,
} from '../../../db/schema/index.js';
import { proposeAutoFill, type AutoFillProposal } from '../../../rota/auto-fill.js';
import { confirmedDays } from '../../territories/store.js';
import { territoryCalendar } from '../../../rota/calendar/territory-calendar.js';
import { expandTemplate, type OpenSlot } from '../../../rota/shift-template.js';
import type { Actor } from '../../access/actor.js';

type ServiceRow = typeof services.$inferSelect;
type TerritoryRow = typeof territories.$inferSelect;

export interface ServiceProposal extends AutoFillProposal {
  /** The template's slots over the range that nobody covers yet. */
  slots: OpenSlot[];
}

/** Load → compute: the open slots of a service's template over local dates, and who could take them. */
export async function proposeForService(
  db: Database,
  service: ServiceRow,
  territory: TerritoryRow,
  from: string,
  to: string,
  limits: { maxPerMonth: number; minRestHours: number },
): Promise<ServiceProposal> {
  const year = Number(from.slice(0, 4));
  const calendar = territoryCalendar(
    { timeZone: territory.timeZone, ...territory.settings },
    await confirmedDays(db, territory.id),
    year,
    year + 1,
  );
  const slots = expandTemplate(service.id, service.template, from, to, calendar);
  if (slots.length === 0) return { assignments: [], unfilled: [], slots: [] };
  const start = new Date(Math.min(...slots.map((s) => s.startsAt.getTime())));
  const end = new Date(Math.max(...slots.map((s) => s.endsAt.getTime())));
  const existing = await db
    .select()
    .from(shifts)
    .where(
      and(
        eq(shifts.serviceId, service.id),
        eq(shifts.status, 'active'),
        lt(shifts.startsAt, end),
        gt(shifts.endsAt, start),
      ),
    );
  const taken = new Set(
    existing.filter((s) => s.professionalId).map((s) => `${s.startsAt.getTime()}|${s.level}`),
  );
  const open = slots.filter((s) => !taken.has(`${s.startsAt.getTime()}|${s.level}`));
  const members = (
    await db
      .select({ id: serviceMembers.professionalId })
      .from(serviceMembers)
      .where(eq(serviceMembers.serviceId, service.id))
  ).map((m) => m.id);
  const leave = members.length
    ? await db
        .select()
        .from(unavailabilities)
        .where(
          and(
            inArray(unavailabilities.professionalId, members),
            lt(unavailabilities.startsAt, end),
            gt(unavailabilities.endsAt, start),
          ),
        )
    : [];
  const proposal = proposeAutoFill({
    openSlots: open,
    professionalIds: members,
    existingShifts: existing.map((s) => ({ ...s, kind: s.kind ?? undefined })),
    unavailability: leave,
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

/** Writes accepted assignments in one transaction with one audit entry; returns the new shift ids. */
export async function acceptAssignments(
  db: Database,
  actor: Actor,
  service: ServiceRow,
  assignments: Assignment[],
): Promise<string[]> {
  if (assignments.length === 0) return [];
  return db.transaction(async (tx) => {
    const rows = await tx
      .insert(shifts)
      .values(assignments.map((a) => ({ serviceId: service.id, ...a })))
      .returning({ id: shifts.id });
    await recordAudit(tx, auditActorOf(actor), {
      action: 'auto-fill.accept',
      entity: 'service',
      entityId: service.id,
      territoryId: service.territoryId,
      after: { shifts: rows.length },
    });
    return rows.map((r) => r.id);
  });
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
