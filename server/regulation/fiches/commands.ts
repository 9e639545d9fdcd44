import { eq } from 'drizzle-orm';
import type { Database, Queryable } from '../../../db/client.js';
import { ficheAddenda, regulationFiches } from '../../../db/schema/index.js';
import { recordAudit, type Actor as AuditActor } from '../../platform/audit.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/http-errors.js';
import { ficheRefusals } from './catalogue-fr.js';
import { isLocked } from './lock.js';
import type { FicheInput } from './schema.js';
import { callStartOf, ficheForUpdate, openFicheOfCall } from './store.js';

/** Who writes on a fiche: a professional (by session, API token or the SMS link), as audited. */
export interface FicheWriter {
  professionalId: string | null;
  audit: AuditActor;
}

/** A decision may be dated a few minutes ahead of the server's clock (a phone's clock), no more. */
const clockSkewMs = 5 * 60_000;

/**
 * The régulateur records (or corrects, within 24 h) the fiche: one transaction, audited with the
 * names of the fields that changed, never their values (health data stays on the fiche, whose
 * retention is its own). The first complete save sets `completed_at`.
 */
export async function saveFiche(
  deps: { db: { db: Database }; now: () => Date },
  who: FicheWriter,
  ficheId: string,
  input: FicheInput,
): Promise<void> {
  const now = deps.now();
  const fields: Record<string, string> = {};
  if (input.reasonCode === 'autre' && !input.reasonText)
    fields.reasonText = 'Précisez le motif. Describe the reason.';
  if (input.prescription && !input.prescriptionText)
    fields.prescriptionText = 'Indiquez ce qui a été prescrit. Say what was prescribed.';
  if (input.decidedAt.getTime() > now.getTime() + clockSkewMs)
    fields.decidedAt =
      'L’heure de la décision est dans le futur. The decision time is in the future.';
  await deps.db.db.transaction(async (tx) => {
    const fiche = await writableFiche(tx, who, ficheId);
    if (isLocked(fiche, now)) throw conflict(ficheRefusals.locked);
    const startedAt = await callStartOf(tx, fiche.callId);
    if (startedAt && input.decidedAt < startedAt)
      fields.decidedAt =
        'La décision ne peut précéder l’appel. The decision cannot precede the call.';
    if (Object.keys(fields).length)
      throw badRequest(`La fiche est incomplète : ${Object.values(fields).join(' ')}`, fields);
    const after = {
      reasonCode: input.reasonCode,
      reasonText: input.reasonText,
      decision: input.decision,
      prescription: input.prescription,
      prescriptionText: input.prescription ? input.prescriptionText : null,
      decidedAt: input.decidedAt,
    };
    const changed = (Object.keys(after) as (keyof typeof after)[]).filter(
      (k) => String(fiche[k] ?? '') !== String(after[k] ?? ''),
    );
    await tx
      .update(regulationFiches)
      .set({ ...after, completedAt: fiche.completedAt ?? now, updatedAt: now })
      .where(eq(regulationFiches.id, fiche.id));
    await recordAudit(tx, who.audit, {
      action: fiche.completedAt ? 'fiche.correct' : 'fiche.complete',
      entity: 'regulation_fiche',
      entityId: fiche.id,
      territoryId: fiche.territoryId,
      after: { changed },
    });
  });
}

/**
 * After its 24 hours, a fiche changes only by addendum: text, author, time, shown under it. An
 * addendum never rewrites a field. Before the lock, the fiche itself is corrected instead.
 */
export async function addAddendum(
  deps: { db: { db: Database }; now: () => Date },
  who: FicheWriter,
  ficheId: string,
  text: string,
): Promise<string> {
  const now = deps.now();
  return deps.db.db.transaction(async (tx) => {
    const fiche = await writableFiche(tx, who, ficheId);
    if (!isLocked(fiche, now)) throw conflict(ficheRefusals.notLocked);
    const [row] = await tx
      .insert(ficheAddenda)
      .values({ ficheId: fiche.id, authorId: who.professionalId!, text, createdAt: now })
      .returning({ id: ficheAddenda.id });
    await recordAudit(tx, who.audit, {
      action: 'fiche.addendum',
      entity: 'regulation_fiche',
      entityId: fiche.id,
      territoryId: fiche.territoryId,
      after: { addendumId: row!.id },
    });
    return row!.id;
  });
}

/** The fiche exists and the writer is its régulateur (managers read, they do not write). */
async function writableFiche(tx: Queryable, who: FicheWriter, ficheId: string) {
  const fiche = await ficheForUpdate(tx, ficheId);
  if (!fiche) throw notFound('Fiche');
  if (!who.professionalId || who.professionalId !== fiche.regulatorId)
    throw forbidden(ficheRefusals.notRegulator);
  return fiche;
}

const system: AuditActor = { userId: null, label: 'system' };

/**
 * The call's end (or its connection, whichever is recorded last) opens the empty fiche of a call
 * a régulateur took: idempotent (a retried webhook, a replayed outbox entry, another instance);
 * audited once, by the transaction that opened it.
 */
export async function openFicheAfterCall(
  db: Database,
  callSid: string,
  at: Date,
): Promise<string | null> {
  return db.transaction(async (tx) => {
    const opened = await openFicheOfCall(tx, callSid, at);
    if (!opened) return null;
    await recordAudit(tx, system, {
      action: 'fiche.open',
      entity: 'regulation_fiche',
      entityId: opened.id,
      territoryId: opened.territoryId,
    });
    return opened.id;
  });
}
