import { and, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Queryable } from '../../../db/client.js';
import {
  hl7Messages,
  noticedMovements,
  stayMovements,
  stayNotices,
  type StayNoticeKind,
} from '../../../db/schema/index.js';

export type NoticeRow = typeof stayNotices.$inferSelect;

/** Writes a notice once per dedupe key; a second write returns the first row. */
export async function writeNotice(
  tx: Queryable,
  values: {
    stayId: string;
    movementId: string | null;
    territoryId: string;
    recipientEntryId: string;
    kind: StayNoticeKind;
    dedupeKey: string;
    /** The service's clock (the sweep compares it with its own). */
    createdAt: Date;
  },
): Promise<NoticeRow> {
  await tx.insert(stayNotices).values(values).onConflictDoNothing({
    target: stayNotices.dedupeKey,
  });
  const [row] = await tx
    .select()
    .from(stayNotices)
    .where(eq(stayNotices.dedupeKey, values.dedupeKey));
  return row!;
}

export async function noticeById(db: Queryable, id: string): Promise<NoticeRow | null> {
  const [row] = await db.select().from(stayNotices).where(eq(stayNotices.id, id));
  return row ?? null;
}

/**
 * Takes the e-mail of a notice for sending: pending, or claimed by a worker that has not finished
 * since `staleBefore` (it died). Two workers never both send it.
 */
export async function claimEmail(
  db: Queryable,
  id: string,
  now: Date,
  staleBefore: Date,
): Promise<boolean> {
  const rows = await db
    .update(stayNotices)
    .set({ emailStatus: 'sending', emailClaimedAt: now })
    .where(
      and(
        eq(stayNotices.id, id),
        or(
          eq(stayNotices.emailStatus, 'pending'),
          and(eq(stayNotices.emailStatus, 'sending'), lt(stayNotices.emailClaimedAt, staleBefore)),
        ),
      ),
    )
    .returning({ id: stayNotices.id });
  return rows.length === 1;
}

export const setEmailStatus = (
  db: Queryable,
  id: string,
  emailStatus: NoticeRow['emailStatus'],
  sentAt: Date | null = null,
) => db.update(stayNotices).set({ emailStatus, emailSentAt: sentAt }).where(eq(stayNotices.id, id));

export const setSmsStatus = (
  db: Queryable,
  id: string,
  smsStatus: NoticeRow['smsStatus'],
  smsId: string | null = null,
) => db.update(stayNotices).set({ smsStatus, smsId }).where(eq(stayNotices.id, id));

export const noticesOfStay = (db: Queryable, stayId: string) =>
  db
    .select()
    .from(stayNotices)
    .where(eq(stayNotices.stayId, stayId))
    .orderBy(stayNotices.createdAt);

/** Records that the job dealt with a movement (a second time changes nothing). */
export const markMovementNoticed = (tx: Queryable, movementId: string, outcome: string) =>
  tx.insert(noticedMovements).values({ movementId, outcome }).onConflictDoNothing();

/** Movements stored before `before` that the job never dealt with (the queue was down). */
export const movementsNeverNoticed = (db: Queryable, before: Date) =>
  db
    .select({ movementId: stayMovements.id, stayId: stayMovements.stayId })
    .from(stayMovements)
    .innerJoin(hl7Messages, eq(hl7Messages.id, stayMovements.messageId))
    .leftJoin(noticedMovements, eq(noticedMovements.movementId, stayMovements.id))
    .where(and(isNull(noticedMovements.movementId), lt(hl7Messages.receivedAt, before)))
    .limit(500);

/** Notices with a channel still to send, written before `before` (their delivery failed). */
export const noticesUndelivered = (db: Queryable, before: Date) =>
  db
    .select({ id: stayNotices.id })
    .from(stayNotices)
    .where(
      and(
        lt(stayNotices.createdAt, before),
        or(
          inArray(stayNotices.emailStatus, ['pending', 'sending']),
          eq(stayNotices.smsStatus, 'pending'),
        ),
      ),
    )
    .orderBy(sql`${stayNotices.createdAt}`)
    .limit(200);
