import { and, eq } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { returnHomeItems } from '../../db/schema/index.js';
import { canManageTerritory, type Actor } from '../access/actor.js';
import { notFound } from '../platform/http-errors.js';
import { entryOfProfessional, stayById, type EntryRow, type StayRow } from './store.js';

/**
 * How much of a stay a person reads: the territory's coordination and the patient's GP all of it;
 * a professional or structure given a return-home item only the patient's name, the dates and
 * their own items (the minimum to do it).
 */
export type StayAccess = 'coordination' | 'gp' | 'assignee';

export interface StayView {
  stay: StayRow;
  access: StayAccess;
  /** The actor's own directory entry, when they have one. */
  entry: EntryRow | null;
}

export async function accessToStay(
  db: Queryable,
  actor: Actor,
  stay: StayRow,
): Promise<StayView | null> {
  const entry = await entryOfProfessional(db, actor.professionalId);
  if (canManageTerritory(actor, stay.territoryId)) return { stay, access: 'coordination', entry };
  if (!entry) return null;
  if (stay.gpEntryId === entry.id) return { stay, access: 'gp', entry };
  const [assigned] = await db
    .select({ id: returnHomeItems.id })
    .from(returnHomeItems)
    .where(and(eq(returnHomeItems.stayId, stay.id), eq(returnHomeItems.assigneeEntryId, entry.id)))
    .limit(1);
  return assigned ? { stay, access: 'assignee', entry } : null;
}

/**
 * The stay as this actor may read it; 404 otherwise, the same answer as a stay that does not
 * exist: whether someone is in hospital is itself health data.
 */
export async function readableStay(db: Queryable, actor: Actor, id: string): Promise<StayView> {
  const stay = await stayById(db, id);
  const view = stay ? await accessToStay(db, actor, stay) : null;
  if (!view) throw notFound('Séjour');
  return view;
}

/** Managers, admins and the GP organise the checklist; an assignee only ticks their own items. */
export const organises = (view: StayView) => view.access !== 'assignee';
