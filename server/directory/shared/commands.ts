import { and, asc, eq, ne } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import type { Tx } from '../../../db/client.js';
import { directoryEntries, directoryPlaces, professionals } from '../../../db/schema/index.js';
import { auditActorOf, canManageTerritory, type Actor } from '../../access/actor.js';
import { recordAudit } from '../../platform/audit.js';
import {
  badRequest,
  conflict,
  forbidden,
  notFound,
  nothingToChange,
} from '../../platform/http-errors.js';
import { directorySearchText } from '../national/search-text.js';
import { mayEditEntry, mayReadEntry } from './read-policy.js';
import type { EntryLocalPatch } from './schema.js';

/** Which entry: one by id (its person or a manager), or the actor's own (/directory/me). */
export type EntryTarget = { entryId: string } | { own: true };

const localFieldsOf = (row: typeof directoryEntries.$inferSelect) => ({
  mobile: row.mobile,
  directLine: row.directLine,
  mssante: row.mssante,
  visibility: row.visibility,
  optIns: row.optIns,
  professionalId: row.professionalId,
});

/**
 * Links an entry to an on-call professional (their login then edits it as their own): the
 * territory's managers only, a professional of the same territory, one entry each.
 */
async function checkLink(
  tx: Tx,
  actor: Actor,
  entry: { id: string; territoryId: string },
  professionalId: string | null,
) {
  if (!canManageTerritory(actor, entry.territoryId))
    throw forbidden('Seule la coordination relie une fiche à un professionnel de garde.');
  if (professionalId === null) return;
  const [pro] = await tx
    .select({ territoryId: professionals.territoryId })
    .from(professionals)
    .where(eq(professionals.id, professionalId));
  if (pro?.territoryId !== entry.territoryId)
    throw badRequest('Professionnel inconnu sur ce territoire.', {
      professionalId: 'professionnel inconnu sur ce territoire',
    });
  const [other] = await tx
    .select({ id: directoryEntries.id })
    .from(directoryEntries)
    .where(
      and(eq(directoryEntries.professionalId, professionalId), ne(directoryEntries.id, entry.id)),
    );
  if (other)
    throw conflict('Ce professionnel est déjà relié à une autre fiche.', {
      professionalId: 'déjà relié à une autre fiche',
    });
}

/**
 * Changes the local fields of a directory entry (the person themself, or a manager of its
 * territory): one transaction, the row locked, `search_text` stored again with it (every write
 * of an entry does: the search must never read a stale one), one audit entry. An entry the actor
 * may not read is a 404 (its existence is not theirs to learn); one they read but may not change
 * is a 403. Returns the entry's id.
 */
export async function updateDirectoryEntry(
  db: Database,
  actor: Actor,
  target: EntryTarget,
  patch: EntryLocalPatch,
  now: Date,
): Promise<string> {
  const { optIns: optInChanges, ...fields } = patch;
  const changes: Partial<typeof directoryEntries.$inferInsert> = {};
  if (fields.mobile !== undefined) changes.mobile = fields.mobile;
  if (fields.directLine !== undefined) changes.directLine = fields.directLine;
  if (fields.mssante !== undefined) changes.mssante = fields.mssante;
  if (fields.visibility !== undefined) changes.visibility = fields.visibility;
  if (fields.professionalId !== undefined) changes.professionalId = fields.professionalId;
  if (Object.keys(changes).length === 0 && !optInChanges) throw nothingToChange();
  return db.transaction(async (tx) => {
    if (!('entryId' in target) && !actor.professionalId) throw notFound('Fiche');
    const [existing] = await tx
      .select()
      .from(directoryEntries)
      .where(
        'entryId' in target
          ? eq(directoryEntries.id, target.entryId)
          : eq(directoryEntries.professionalId, actor.professionalId!),
      )
      .for('update');
    if (!existing || !mayReadEntry(actor, existing)) throw notFound('Fiche');
    if (!mayEditEntry(actor, existing))
      throw forbidden('Vous ne pouvez modifier que votre propre fiche. Only your own entry.');
    if (fields.professionalId !== undefined)
      await checkLink(tx, actor, existing, fields.professionalId);
    const places = await tx
      .select()
      .from(directoryPlaces)
      .where(eq(directoryPlaces.entryId, existing.id))
      .orderBy(asc(directoryPlaces.position));
    // Opt-ins merge: a patch that names one choice leaves the others as they are.
    const optIns = { ...existing.optIns, ...optInChanges };
    const [row] = await tx
      .update(directoryEntries)
      .set({
        ...changes,
        optIns,
        searchText: directorySearchText({ ...existing, places }),
        updatedAt: now,
      })
      .where(eq(directoryEntries.id, existing.id))
      .returning();
    await recordAudit(tx, auditActorOf(actor), {
      action: 'directory_entry.update',
      entity: 'directory_entry',
      entityId: existing.id,
      territoryId: existing.territoryId,
      before: localFieldsOf(existing),
      after: localFieldsOf(row!),
    });
    return existing.id;
  });
}
