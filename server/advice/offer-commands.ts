import { and, eq } from 'drizzle-orm';
import type { Database, Tx } from '../../db/client.js';
import { adviceOffers, adviceWindows, directoryEntries } from '../../db/schema/index.js';
import { auditActorOf, canManageTerritory, type Actor } from '../access/actor.js';
import { recordAudit } from '../platform/audit.js';
import { badRequest, conflict, forbidden, notFound } from '../platform/http-errors.js';
import type { AdviceOfferInput } from './schema.js';

type Entry = typeof directoryEntries.$inferSelect;

/**
 * The entry an offer is for: the actor's own (their login's professional) unless a manager of its
 * territory names another. A specialist gone from the register offers nothing.
 */
async function entryFor(tx: Tx, actor: Actor, entryId: string | undefined): Promise<Entry> {
  const [entry] = entryId
    ? await tx.select().from(directoryEntries).where(eq(directoryEntries.id, entryId))
    : actor.professionalId
      ? await tx
          .select()
          .from(directoryEntries)
          .where(eq(directoryEntries.professionalId, actor.professionalId))
      : [];
  if (!entry)
    throw entryId
      ? notFound('Fiche d’annuaire')
      : badRequest(
          'Votre compte n’est lié à aucune fiche de l’annuaire : demandez à la coordination.',
        );
  const own = actor.professionalId !== null && entry.professionalId === actor.professionalId;
  if (!own && !canManageTerritory(actor, entry.territoryId))
    throw forbidden('Vous ne pouvez déclarer des avis que pour votre propre fiche.');
  if (entry.goneAt) throw conflict('Cette fiche n’est plus au répertoire national.');
  return entry;
}

function checkSpecialty(entry: Entry, specialty: string): void {
  if (!entry.specialtyCodes.includes(specialty))
    throw badRequest('Cette spécialité n’est pas celle de la fiche.', {
      specialty: 'spécialité absente de la fiche',
    });
}

async function writeWindows(tx: Tx, offerId: string, input: AdviceOfferInput): Promise<void> {
  await tx.delete(adviceWindows).where(eq(adviceWindows.offerId, offerId));
  await tx.insert(adviceWindows).values(input.windows.map((w) => ({ ...w, offerId })));
}

/** A specialist offers advice in one of their specialties, on weekly windows. */
export async function createAdviceOffer(
  db: Database,
  actor: Actor,
  input: AdviceOfferInput,
): Promise<string> {
  return db.transaction(async (tx) => {
    const entry = await entryFor(tx, actor, input.entryId);
    checkSpecialty(entry, input.specialty);
    const [row] = await tx
      .insert(adviceOffers)
      .values({
        territoryId: entry.territoryId,
        entryId: entry.id,
        specialtyCode: input.specialty,
        directLine: input.directLine ?? null,
        deadlineHours: input.deadlineHours,
      })
      .onConflictDoNothing()
      .returning();
    if (!row)
      throw conflict('Un avis est déjà proposé dans cette spécialité : modifiez-le.', {
        specialty: 'déjà proposé',
      });
    await writeWindows(tx, row.id, input);
    await recordAudit(tx, auditActorOf(actor), {
      action: 'advice_offer.create',
      entity: 'advice_offer',
      entityId: row.id,
      territoryId: entry.territoryId,
      after: { ...input, entryId: entry.id },
    });
    return row.id;
  });
}

async function offerFor(tx: Tx, actor: Actor, id: string) {
  const [offer] = await tx.select().from(adviceOffers).where(eq(adviceOffers.id, id)).for('update');
  if (!offer) throw notFound('Offre d’avis');
  const entry = await entryFor(tx, actor, offer.entryId);
  const windows = await tx.select().from(adviceWindows).where(eq(adviceWindows.offerId, id));
  return { offer, entry, windows };
}

/** Replaces an offer's windows, direct line and deadline (its specialty and entry stay). */
export async function updateAdviceOffer(
  db: Database,
  actor: Actor,
  id: string,
  input: AdviceOfferInput,
): Promise<void> {
  await db.transaction(async (tx) => {
    const { offer, entry, windows } = await offerFor(tx, actor, id);
    if (input.specialty !== offer.specialtyCode || (input.entryId && input.entryId !== entry.id))
      throw badRequest(
        'La spécialité et la fiche d’une offre ne changent pas : créez-en une autre.',
      );
    await tx
      .update(adviceOffers)
      .set({
        directLine: input.directLine ?? null,
        deadlineHours: input.deadlineHours,
        updatedAt: new Date(),
      })
      .where(and(eq(adviceOffers.id, id)));
    await writeWindows(tx, id, input);
    await recordAudit(tx, auditActorOf(actor), {
      action: 'advice_offer.update',
      entity: 'advice_offer',
      entityId: id,
      territoryId: offer.territoryId,
      before: { ...offer, windows },
      after: input,
    });
  });
}

export async function deleteAdviceOffer(db: Database, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const { offer, windows } = await offerFor(tx, actor, id);
    await tx.delete(adviceOffers).where(eq(adviceOffers.id, id));
    await recordAudit(tx, auditActorOf(actor), {
      action: 'advice_offer.delete',
      entity: 'advice_offer',
      entityId: id,
      territoryId: offer.territoryId,
      before: { ...offer, windows },
    });
  });
}
