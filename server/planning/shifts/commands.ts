import { and, eq, gt, lt, ne, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import { recordAudit } from '../../platform/audit.js';
import { professionals, services, shifts, territories } from '../../../db/schema/index.js';
import { localToInstant } from '../../../rota/local-time.js';
import { auditActorOf, canManageTerritory, type Actor } from '../../access/actor.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/http-errors.js';

export type ShiftTime =
  | { startsAt: string; endsAt: string }
  | { date: string; start: string; end: string; disambiguation?: 'earlier' | 'later' };

export interface ShiftInput {
  serviceId: string;
  professionalId: string | null;
  level: number;
  time: ShiftTime;
}

/** Instants from either ISO instants or a local date and wall-clock times in the territory's zone. */
function instantsOf(time: ShiftTime, timeZone: string): { startsAt: Date; endsAt: Date } {
  if ('startsAt' in time)
    return { startsAt: new Date(time.startsAt), endsAt: new Date(time.endsAt) };
  const start = localToInstant(time.date, time.start, timeZone, time.disambiguation);
  if (!start.ok) throw badRequest(start.message, { start: start.message });
  const nextDay = time.end <= time.start;
  const endDate = nextDay
    ? new Date(Date.parse(`${time.date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
    : time.date;
  const end = localToInstant(endDate, time.end, timeZone, time.disambiguation);
  if (!end.ok) throw badRequest(end.message, { end: end.message });
  return { startsAt: start.instant, endsAt: end.instant };
}

/**
 * Creates or changes a shift in one transaction: checks the service and the professional, that it
 * ends after it starts, that the professional has no overlapping shift; bumps the version (iCal
 * SEQUENCE, reminders); writes the audit entry. Returns the shift id.
 */
export async function saveShift(
  db: Database,
  actor: Actor,
  input: ShiftInput,
  shiftId?: string,
): Promise<string> {
  return db.transaction(async (tx) => {
    const [service] = await tx
      .select({ id: services.id, territoryId: services.territoryId, zone: territories.timeZone })
      .from(services)
      .innerJoin(territories, eq(territories.id, services.territoryId))
      .where(eq(services.id, input.serviceId));
    if (!service)
      throw badRequest('Service inconnu. Unknown service.', { serviceId: 'unknown service' });
    if (!canManageTerritory(actor, service.territoryId)) throw forbidden();
    const { startsAt, endsAt } = instantsOf(input.time, service.zone);
    if (Number.isNaN(startsAt.getTime()) || Number.isNaN(endsAt.getTime()))
      throw badRequest('Dates invalides. Invalid dates.', { startsAt: 'invalid date' });
    if (endsAt <= startsAt)
      throw badRequest('La garde doit finir après son début. A shift must end after it starts.', {
        endsAt: 'ends before it starts',
      });
    if (input.professionalId) {
      const [person] = await tx
        .select()
        .from(professionals)
        .where(
          and(
            eq(professionals.id, input.professionalId),
            eq(professionals.territoryId, service.territoryId),
          ),
        );
      if (!person)
        throw badRequest('Professionnel inconnu sur ce territoire. Unknown professional.', {
          professionalId: 'unknown professional',
        });
      const [clash] = await tx
        .select({ id: shifts.id, startsAt: shifts.startsAt })
        .from(shifts)
        .where(
          and(
            eq(shifts.professionalId, input.professionalId),
            eq(shifts.status, 'active'),
            lt(shifts.startsAt, endsAt),
            gt(shifts.endsAt, startsAt),
            ...(shiftId ? [ne(shifts.id, shiftId)] : []),
          ),
        )
        .limit(1);
      if (clash)
        throw conflict(
          `Ce professionnel a déjà une garde qui chevauche (${clash.startsAt.toISOString()}). Overlapping shift.`,
          { professionalId: `overlaps shift ${clash.id}` },
        );
    }
    const values = {
      serviceId: input.serviceId,
      professionalId: input.professionalId,
      level: input.level,
      startsAt,
      endsAt,
    };
    if (!shiftId) {
      const [created] = await tx.insert(shifts).values(values).returning();
      await recordAudit(tx, auditActorOf(actor), {
        action: 'shift.create',
        entity: 'shift',
        entityId: created!.id,
        territoryId: service.territoryId,
        after: created,
      });
      return created!.id;
    }
    const [before] = await tx.select().from(shifts).where(eq(shifts.id, shiftId));
    if (!before) throw notFound('Garde');
    const [after] = await tx
      .update(shifts)
      .set({ ...values, version: sql`${shifts.version} + 1`, updatedAt: new Date() })
      .where(eq(shifts.id, shiftId))
      .returning();
    await recordAudit(tx, auditActorOf(actor), {
      action: 'shift.update',
      entity: 'shift',
      entityId: shiftId,
      territoryId: service.territoryId,
      before,
      after,
    });
    return shiftId;
  });
}

/** Cancels a shift (kept for the record; iCal feeds drop it; reminders see a new version). */
export async function cancelShift(db: Database, actor: Actor, shiftId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ shift: shifts, territoryId: services.territoryId })
      .from(shifts)
      .innerJoin(services, eq(services.id, shifts.serviceId))
      .where(eq(shifts.id, shiftId));
    if (!row) throw notFound('Garde');
    if (!canManageTerritory(actor, row.territoryId)) throw forbidden();
    const [after] = await tx
      .update(shifts)
      .set({ status: 'cancelled', version: sql`${shifts.version} + 1`, updatedAt: new Date() })
      .where(eq(shifts.id, shiftId))
      .returning();
    await recordAudit(tx, auditActorOf(actor), {
      action: 'shift.cancel',
      entity: 'shift',
      entityId: shiftId,
      territoryId: row.territoryId,
      before: row.shift,
      after,
    });
  });
}
