import { eq } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import { recordAudit } from '../../platform/audit.js';
import { professionals, unavailabilities } from '../../../db/schema/index.js';
import {
  auditActorOf,
  canManageTerritory,
  canReadTerritory,
  type Actor,
} from '../../access/actor.js';
import { badRequest, forbidden, notFound } from '../../platform/http-errors.js';
import { handOverLeaveNotices, writeLeaveNotices, type LeaveNoticeDeps } from './leave-notice.js';
import { shiftsHeldDuring } from './store.js';
import { maxYear, minYear } from '../../platform/params.js';

const maxReason = 200;

/** A professional's own leave, or anyone's for the managers of their territory. */
async function personFor(db: Database, actor: Actor, professionalId: string) {
  const [p] = await db.select().from(professionals).where(eq(professionals.id, professionalId));
  // Another territory's professional answers as an unknown one (an id tells nothing).
  if (!p || (actor.professionalId !== p.id && !canReadTerritory(actor, p.territoryId)))
    throw notFound('Professionnel');
  if (actor.professionalId !== p.id && !canManageTerritory(actor, p.territoryId)) throw forbidden();
  return p;
}

/** Unavailability periods of a professional the actor may see (their own, or managed). */
export async function listUnavailability(db: Database, actor: Actor, professionalId: string) {
  const p = await personFor(db, actor, professionalId);
  return db
    .select()
    .from(unavailabilities)
    .where(eq(unavailabilities.professionalId, p.id))
    .orderBy(unavailabilities.startsAt);
}

const inYears = (d: Date) =>
  !Number.isNaN(d.getTime()) && d.getUTCFullYear() >= minYear && d.getUTCFullYear() <= maxYear;

/** The rules of every door that records leave (API, pages): dates, order, reason. */
function checkLeave(input: { startsAt: Date; endsAt: Date; reason: string | null }) {
  for (const field of ['startsAt', 'endsAt'] as const)
    if (!inYears(input[field]))
      throw badRequest(`Date hors limites (${minYear}–${maxYear}). Date out of range.`, {
        [field]: 'out of range',
      });
  if (input.endsAt <= input.startsAt)
    throw badRequest('La fin doit suivre le début. The end must follow the start.', {
      endsAt: 'before start',
    });
  if (input.reason && input.reason.length > maxReason)
    throw badRequest(
      `Le motif tient en ${maxReason} caractères au plus. At most ${maxReason} characters.`,
      { reason: 'too long' },
    );
}

/**
 * Records a period of leave (audited) and returns it with the assigned shifts it falls on. Leave
 * is a fact and is saved either way; when it falls on shifts, the territory's other managers are
 * told by SMS (leave-notice.ts: a count, no name) and the door shows the shifts to replace.
 */
export async function createUnavailability(
  deps: LeaveNoticeDeps,
  actor: Actor,
  input: { professionalId: string; startsAt: Date; endsAt: Date; reason: string | null },
): Promise<{ id: string; conflicts: Awaited<ReturnType<typeof shiftsHeldDuring>> }> {
  const db = deps.db.db;
  const p = await personFor(db, actor, input.professionalId);
  checkLeave(input);
  const written = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(unavailabilities)
      .values({
        professionalId: p.id,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        reason: input.reason,
      })
      .returning();
    await recordAudit(tx, auditActorOf(actor), {
      action: 'unavailability.create',
      entity: 'unavailability',
      entityId: row!.id,
      territoryId: p.territoryId,
      after: row,
    });
    const conflicts = await shiftsHeldDuring(tx, p.id, input.startsAt, input.endsAt);
    // The managers' SMS are written with the leave (the outbox), handed to the queue after.
    const smsIds = await writeLeaveNotices(tx, {
      id: row!.id,
      territoryId: p.territoryId,
      conflicts: conflicts.length,
      recordedBy: actor.userId,
    });
    return { id: row!.id, conflicts, smsIds };
  });
  await handOverLeaveNotices(deps, written.smsIds);
  return { id: written.id, conflicts: written.conflicts };
}

/** Deletes a period of leave (own or managed). Audited. */
export async function deleteUnavailability(db: Database, actor: Actor, id: string): Promise<void> {
  const [row] = await db.select().from(unavailabilities).where(eq(unavailabilities.id, id));
  if (!row) throw notFound('Indisponibilité');
  const p = await personFor(db, actor, row.professionalId);
  await db.transaction(async (tx) => {
    await tx.delete(unavailabilities).where(eq(unavailabilities.id, row.id));
    await recordAudit(tx, auditActorOf(actor), {
      action: 'unavailability.delete',
      entity: 'unavailability',
      entityId: row.id,
      territoryId: p.territoryId,
      before: row,
    });
  });
}
