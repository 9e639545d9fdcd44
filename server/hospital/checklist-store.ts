import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { returnHomeItems, type ReturnHomeItemKind } from '../../db/schema/index.js';
import { standardItems } from './checklist.js';

export type ItemRow = typeof returnHomeItems.$inferSelect;

export async function itemById(db: Queryable, id: string): Promise<ItemRow | null> {
  const [row] = await db.select().from(returnHomeItems).where(eq(returnHomeItems.id, id));
  return row ?? null;
}

/**
 * Makes the stay's checklist: the standard items it lacks, due at `dueAt`; items still following
 * the stay's date move with it (a new expected discharge). Returns the items created.
 */
export async function ensureStandardItems(
  tx: Queryable,
  stayId: string,
  dueAt: Date,
): Promise<ItemRow[]> {
  const existing = await tx
    .select({ kind: returnHomeItems.kind })
    .from(returnHomeItems)
    .where(
      and(eq(returnHomeItems.stayId, stayId), inArray(returnHomeItems.kind, [...standardItems])),
    );
  const have = new Set(existing.map((e) => e.kind));
  await tx
    .update(returnHomeItems)
    .set({ dueAt })
    .where(
      and(
        eq(returnHomeItems.stayId, stayId),
        eq(returnHomeItems.dueFollowsStay, true),
        isNull(returnHomeItems.doneAt),
      ),
    );
  const missing = standardItems.filter((kind) => !have.has(kind));
  if (!missing.length) return [];
  return tx
    .insert(returnHomeItems)
    .values(missing.map((kind) => ({ stayId, kind, dueAt })))
    .returning();
}

export async function insertItem(
  tx: Queryable,
  values: {
    stayId: string;
    kind: ReturnHomeItemKind;
    label: string;
    dueAt: Date | null;
    dueFollowsStay: boolean;
    assigneeEntryId: string | null;
  },
): Promise<ItemRow> {
  const [row] = await tx.insert(returnHomeItems).values(values).returning();
  return row!;
}

export async function updateItem(
  tx: Queryable,
  id: string,
  patch: Partial<
    Pick<ItemRow, 'assigneeEntryId' | 'doneAt' | 'doneBy' | 'dueAt' | 'dueFollowsStay'>
  >,
): Promise<ItemRow> {
  const [row] = await tx
    .update(returnHomeItems)
    .set(patch)
    .where(eq(returnHomeItems.id, id))
    .returning();
  return row!;
}
