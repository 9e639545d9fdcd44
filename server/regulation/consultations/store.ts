import { and, asc, eq, gt, inArray, lt, or } from 'drizzle-orm';
import type { Queryable } from '../../../db/client.js';
import { callRecords, overrides, services, shifts, territories } from '../../../db/schema/index.js';
import type { ConsultationShift } from '../../../rota/consultation-slots.js';

export type EffecteurService = Pick<
  typeof services.$inferSelect,
  'id' | 'territoryId' | 'name' | 'place' | 'consultationSlotMinutes' | 'consultationCapacity'
>;

export const effecteurColumns = {
  id: services.id,
  territoryId: services.territoryId,
  name: services.name,
  place: services.place,
  consultationSlotMinutes: services.consultationSlotMinutes,
  consultationCapacity: services.consultationCapacity,
};
/** A doctors' rota whose doctors see patients at the MMG: the effecteur of a consultation. */
const isEffecteur = and(
  eq(services.active, true),
  eq(services.kind, 'doctor'),
  eq(services.modality, 'consultation'),
);

/** A call with what booking from it needs: its territory, caller and régulateur. */
export async function callForConsultation(db: Queryable, callId: string) {
  const [row] = await db
    .select({
      id: callRecords.id,
      territoryId: callRecords.territoryId,
      fromNumber: callRecords.fromNumber,
      toNumber: callRecords.toNumber,
      callerHidden: callRecords.callerHidden,
      lang: callRecords.lang,
      connectedProfessionalId: callRecords.connectedProfessionalId,
      startedAt: callRecords.startedAt,
      territoryName: territories.name,
      timeZone: territories.timeZone,
      regulationMode: territories.regulationMode,
    })
    .from(callRecords)
    .innerJoin(territories, eq(territories.id, callRecords.territoryId))
    .where(eq(callRecords.id, callId));
  return row ?? null;
}
export type CallForConsultation = NonNullable<Awaited<ReturnType<typeof callForConsultation>>>;

/** Locks the call's row: one booking per call, however many tabs post at once. */
export async function lockCall(tx: Queryable, callId: string): Promise<void> {
  await tx
    .select({ id: callRecords.id })
    .from(callRecords)
    .where(eq(callRecords.id, callId))
    .for('update');
}

/** Locks an effecteur service's row: bookings of its slots are counted and written one at a time. */
export async function lockEffecteur(
  tx: Queryable,
  territoryId: string,
  serviceId: string,
): Promise<EffecteurService | null> {
  const [row] = await tx
    .select(effecteurColumns)
    .from(services)
    .where(and(eq(services.id, serviceId), eq(services.territoryId, territoryId), isEffecteur))
    .for('update');
  return row ?? null;
}

export function effecteursOf(db: Queryable, territoryIds: string[]): Promise<EffecteurService[]> {
  if (territoryIds.length === 0) return Promise.resolve([]);
  return db
    .select(effecteurColumns)
    .from(services)
    .where(and(inArray(services.territoryId, territoryIds), isEffecteur))
    .orderBy(asc(services.name));
}

/** Level-1 active shifts of the services overlapping `[from, to)`: the doctors at the MMG. */
export async function presenceShifts(
  db: Queryable,
  serviceIds: string[],
  from: Date,
  to: Date,
): Promise<ConsultationShift[]> {
  if (serviceIds.length === 0) return [];
  return db
    .select({
      serviceId: shifts.serviceId,
      professionalId: shifts.professionalId,
      startsAt: shifts.startsAt,
      endsAt: shifts.endsAt,
      level: shifts.level,
      status: shifts.status,
    })
    .from(shifts)
    .where(
      and(
        inArray(shifts.serviceId, serviceIds),
        eq(shifts.status, 'active'),
        eq(shifts.level, 1),
        lt(shifts.startsAt, to),
        gt(shifts.endsAt, from),
      ),
    );
}

/**
 * The effecteur services a professional is at during `[from, to)`: holding a level-1 shift of
 * theirs, or replacing its holder (an override).
 */
export async function servicesStaffedBy(
  db: Queryable,
  professionalId: string,
  from: Date,
  to: Date,
): Promise<string[]> {
  const rows = await db
    .selectDistinct({ serviceId: shifts.serviceId })
    .from(shifts)
    .innerJoin(services, eq(services.id, shifts.serviceId))
    .leftJoin(overrides, eq(overrides.shiftId, shifts.id))
    .where(
      and(
        isEffecteur,
        eq(shifts.status, 'active'),
        eq(shifts.level, 1),
        or(
          and(
            eq(shifts.professionalId, professionalId),
            lt(shifts.startsAt, to),
            gt(shifts.endsAt, from),
          ),
          and(
            eq(overrides.professionalId, professionalId),
            lt(overrides.startsAt, to),
            gt(overrides.endsAt, from),
          ),
        ),
      ),
    );
  return rows.map((r) => r.serviceId);
}
