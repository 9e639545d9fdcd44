import { and, eq, gte, inArray, lt } from 'drizzle-orm';
import { holidaySet } from '../../rota/calendar/holidays.js';
import { addDays, localDateOf } from '../../rota/calendar/local-date.js';
import { proposeAutoFill } from '../../rota/auto-fill.js';
import { expandTemplate } from '../../rota/shift-template.js';
import type { Database } from '../client.js';
import { calendarDays, serviceMembers, services, shifts, territories } from '../schema/index.js';

/**
 * Tops up the rota of every templated service of a territory to `days` ahead: expands the
 * template, keeps the slots already there, and auto-fills the rest. Returns shifts created.
 */
export async function fillDemoRota(
  db: Database,
  territoryId: string,
  now: Date,
  days: number,
): Promise<number> {
  const [territory] = await db.select().from(territories).where(eq(territories.id, territoryId));
  if (!territory) return 0;
  const zone = territory.timeZone;
  const from = addDays(localDateOf(now, zone), -1);
  const to = addDays(from, days);
  const year = Number(from.slice(0, 4));
  const ponts = await db
    .select({ day: calendarDays.day })
    .from(calendarDays)
    .where(and(eq(calendarDays.territoryId, territoryId), eq(calendarDays.kind, 'pont')));
  const calendar = {
    timeZone: zone,
    holidays: holidaySet(year, year + 1, { alsaceMoselle: territory.settings.alsaceMoselle }),
    ponts: new Set(ponts.map((p) => p.day)),
    saturdayAfternoon: territory.settings.saturdayAfternoon,
  };
  let created = 0;
  for (const service of await db
    .select()
    .from(services)
    .where(eq(services.territoryId, territoryId))) {
    if (service.template.length === 0) continue;
    const slots = expandTemplate(service.id, service.template, from, to, calendar);
    if (slots.length === 0) continue;
    const first = new Date(Math.min(...slots.map((s) => s.startsAt.getTime())));
    const last = new Date(Math.max(...slots.map((s) => s.endsAt.getTime())));
    const existing = await db
      .select()
      .from(shifts)
      .where(
        and(
          eq(shifts.serviceId, service.id),
          gte(shifts.startsAt, first),
          lt(shifts.startsAt, last),
        ),
      );
    const taken = new Set(existing.map((s) => `${s.startsAt.getTime()}|${s.level}`));
    const open = slots.filter((s) => !taken.has(`${s.startsAt.getTime()}|${s.level}`));
    if (open.length === 0) continue;
    const members = await db
      .select({ id: serviceMembers.professionalId })
      .from(serviceMembers)
      .where(inArray(serviceMembers.serviceId, [service.id]));
    const proposal = proposeAutoFill({
      openSlots: open,
      professionalIds: members.map((m) => m.id),
      existingShifts: existing.map((s) => ({ ...s, kind: s.kind ?? 'weeknight' })),
      unavailability: [],
      maxPerMonth: 12,
      minRestHours: 11,
      timeZone: zone,
    });
    const assigned = new Map(proposal.assignments.map((a) => [a.slotKey, a.professionalId]));
    const rows = open.map((s) => ({
      serviceId: service.id,
      professionalId: assigned.get(s.key) ?? null,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      level: s.level,
      kind: s.kind,
    }));
    for (let i = 0; i < rows.length; i += 500)
      await db.insert(shifts).values(rows.slice(i, i + 500));
    created += rows.length;
  }
  return created;
}
