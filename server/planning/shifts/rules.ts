import type { Queryable, Tx } from '../../../db/client.js';
import { localToInstant } from '../../../rota/local-time.js';
import type { ShiftKind } from '../../../rota/types.js';
import { recordAudit, type Actor as AuditActor } from '../../platform/audit.js';
import { badRequest, forbidden, notFound } from '../../platform/http-errors.js';
import type { ShiftTime } from './schema.js';
import {
  insertShift,
  professionalForService,
  serviceWithTerritory,
  shiftsOverlapping,
  shiftWithTerritory,
  updateShift,
  type ShiftRow,
} from './store.js';
import { overlapRefusal } from './refusals-fr.js';
import { weightClassOf } from './weight-class.js';

/** Who writes, and over which territories: a manager's reach, or a swap its own rules allowed. */
export interface ShiftWriter {
  audit: AuditActor;
  /** May the writer know that something of this territory exists? Else 404, as an unknown id. */
  sees(territoryId: string): boolean;
  /** May the writer change the rota of this territory? Else 403. */
  manages(territoryId: string): boolean;
}

/** One shift to create (no `shiftId`) or change; what is left out stays as it is. */
export interface ShiftWrite {
  shiftId?: string;
  serviceId?: string;
  professionalId?: string | null;
  level?: number;
  time?: ShiftTime | { startsAt?: string; endsAt?: string };
  /** The weight class when the door knows it (auto-fill's slot); else computed. */
  kind?: ShiftKind;
  /** The audit action, when the door has its own name for it (CSV import, auto-fill). */
  action?: string;
  /** Check only: a swap taken but still awaiting a manager must fit, yet moves nothing yet. */
  checkOnly?: boolean;
}

export type ShiftWriteOutcome = { id: string; outcome: 'created' | 'updated' | 'unchanged' };

const maxHours = 48;
const plainNumber = (n: unknown) => typeof n === 'number' && Number.isInteger(n);

/** Instants from ISO instants, or a local date and wall-clock times in the territory's zone. */
function instantsOf(time: ShiftWrite['time'], zone: string, existing?: ShiftRow) {
  if (time && 'date' in time) {
    const start = localToInstant(time.date, time.start, zone, time.disambiguation);
    if (!start.ok) throw badRequest(start.message, { start: start.message });
    const nextDay = time.end <= time.start;
    const endDate = nextDay
      ? new Date(Date.parse(`${time.date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
      : time.date;
    const end = localToInstant(endDate, time.end, zone, time.disambiguation);
    if (!end.ok) throw badRequest(end.message, { end: end.message });
    return { startsAt: start.instant, endsAt: end.instant };
  }
  const startsAt = time?.startsAt ? new Date(time.startsAt) : existing?.startsAt;
  const endsAt = time?.endsAt ? new Date(time.endsAt) : existing?.endsAt;
  if (!startsAt || !endsAt)
    throw badRequest('Début et fin attendus. Start and end expected.', { startsAt: 'missing' });
  return { startsAt, endsAt };
}

/** A rota is planned for the coming seasons and kept for the record: five years either side of now. */
const horizonYears = 5;

function checkSpan(startsAt: Date, endsAt: Date, level: number, now: Date): void {
  if (Number.isNaN(startsAt.getTime()) || Number.isNaN(endsAt.getTime()))
    throw badRequest('Dates invalides. Invalid dates.', { startsAt: 'invalid date' });
  const [earliest, latest] = [-horizonYears, horizonYears].map((n) => {
    const d = new Date(now);
    d.setUTCFullYear(d.getUTCFullYear() + n);
    return d;
  }) as [Date, Date];
  if (startsAt < earliest || endsAt > latest)
    throw badRequest(
      `Dates à ${horizonYears} ans au plus d'aujourd'hui. Dates within ${horizonYears} years of today.`,
      { startsAt: 'out of range' },
    );
  if (endsAt <= startsAt)
    throw badRequest('La garde doit finir après son début. A shift must end after it starts.', {
      endsAt: 'ends before it starts',
    });
  if (endsAt.getTime() - startsAt.getTime() > maxHours * 3_600_000)
    throw badRequest('Une garde dure au plus 48 h. A shift lasts at most 48 h.', {
      endsAt: 'longer than 48 h',
    });
  if (!plainNumber(level) || level < 1 || level > 9)
    throw badRequest('Niveau de 1 à 9. Level 1 to 9.', { level: 'level 1 to 9' });
}

/** The professional is of the territory (else 400, unknown) and an active member of the service. */
export async function assertActiveMember(
  q: Queryable,
  professionalId: string,
  serviceId: string,
  territoryId: string,
): Promise<void> {
  const person = await professionalForService(q, professionalId, serviceId);
  if (!person || person.territoryId !== territoryId)
    throw badRequest('Professionnel inconnu sur ce territoire. Unknown professional.', {
      professionalId: 'unknown professional',
    });
  if (!person.active || !person.member)
    throw badRequest(
      `${person.name} n'est pas membre actif de ce service. Not an active member of this service.`,
      { professionalId: 'not an active member of the service' },
    );
}

/** The professional has no other active shift of the territory over [startsAt, endsAt) (else 409). */
export async function assertFree(
  q: Queryable,
  who: { territoryId: string; professionalId: string; startsAt: Date; endsAt: Date },
  except: string[],
): Promise<void> {
  const [clash] = await shiftsOverlapping(q, who, except);
  if (clash) throw await overlapRefusal(q, 'on-duty', clash);
}

/**
 * Checks one shift write against the rules every door shares and writes it with its audit entry,
 * inside the caller's transaction: both territories (the shift's and the target service's) are
 * the writer's, the professional is an active member of the service, no overlap in the database
 * (the professional anywhere in the territory, the service at that level), level 1–9, end after
 * start, at most 48 h, within five years of now. A write that changes nothing is "unchanged" (no version bump).
 */
export async function writeShiftIn(
  tx: Tx,
  writer: ShiftWriter,
  write: ShiftWrite,
  now: Date,
): Promise<ShiftWriteOutcome> {
  const existing = write.shiftId ? await shiftWithTerritory(tx, write.shiftId) : undefined;
  if (write.shiftId) {
    if (!existing || !writer.sees(existing.territory.id)) throw notFound('Garde');
    if (!writer.manages(existing.territory.id)) throw forbidden();
  }
  const serviceId = write.serviceId ?? existing?.shift.serviceId;
  const target = serviceId ? await serviceWithTerritory(tx, serviceId) : undefined;
  if (!target || !writer.sees(target.territory.id)) throw notFound('Service');
  if (!writer.manages(target.territory.id)) throw forbidden();
  const { startsAt, endsAt } = instantsOf(write.time, target.territory.timeZone, existing?.shift);
  const level = write.level ?? existing?.shift.level ?? 1;
  checkSpan(startsAt, endsAt, level, now);
  const professionalId =
    write.professionalId === undefined
      ? (existing?.shift.professionalId ?? null)
      : write.professionalId;
  if (professionalId)
    await assertActiveMember(tx, professionalId, target.service.id, target.territory.id);
  const [clash] = await shiftsOverlapping(
    tx,
    {
      territoryId: target.territory.id,
      professionalId,
      slot: { serviceId: target.service.id, level },
      startsAt,
      endsAt,
    },
    existing ? [existing.shift.id] : [],
  );
  if (clash)
    throw await overlapRefusal(
      tx,
      professionalId && clash.professionalId === professionalId ? 'on-duty' : 'slot',
      clash,
    );
  if (write.checkOnly) return { id: existing?.shift.id ?? '', outcome: 'unchanged' };
  const kind = write.kind ?? (await weightClassOf(tx, target, startsAt));
  const values = { serviceId: target.service.id, professionalId, level, startsAt, endsAt, kind };
  const territoryId = target.territory.id;
  if (!existing) {
    const created = await insertShift(tx, values);
    await recordAudit(tx, writer.audit, {
      action: write.action ?? 'shift.create',
      entity: 'shift',
      entityId: created.id,
      territoryId,
      after: created,
    });
    return { id: created.id, outcome: 'created' };
  }
  const before = existing.shift;
  const same =
    before.status === 'active' &&
    before.serviceId === values.serviceId &&
    before.professionalId === values.professionalId &&
    before.level === level &&
    before.startsAt.getTime() === startsAt.getTime() &&
    before.endsAt.getTime() === endsAt.getTime() &&
    before.kind === kind;
  if (same) return { id: before.id, outcome: 'unchanged' };
  const after = await updateShift(tx, before.id, values, now);
  await recordAudit(tx, writer.audit, {
    action: write.action ?? 'shift.update',
    entity: 'shift',
    entityId: before.id,
    territoryId,
    before,
    after,
  });
  return { id: before.id, outcome: 'updated' };
}
