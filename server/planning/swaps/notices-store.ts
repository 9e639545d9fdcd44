import { and, eq, gt, inArray, isNull, lt, ne, notExists, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Queryable } from '../../../db/client.js';
import {
  noticePreferences,
  professionals,
  serviceMembers,
  shifts,
  swapNotices,
  unavailabilities,
  users,
  type NoticeKind,
} from '../../../db/schema/index.js';

export type NoticeRow = typeof swapNotices.$inferSelect;
export type NewNotice = typeof swapNotices.$inferInsert;

/**
 * The colleagues who can take a shift: active members of its service, other than its holder,
 * with no leave and no other active shift overlapping it.
 */
export function colleaguesFreeFor(
  q: Queryable,
  shift: { id: string; serviceId: string; startsAt: Date; endsAt: Date },
  holderId: string,
) {
  const overlaps = (startsAt: AnyPgColumn, endsAt: AnyPgColumn) =>
    and(lt(startsAt, shift.endsAt), gt(endsAt, shift.startsAt));
  return q
    .select({ id: professionals.id })
    .from(serviceMembers)
    .innerJoin(professionals, eq(professionals.id, serviceMembers.professionalId))
    .where(
      and(
        eq(serviceMembers.serviceId, shift.serviceId),
        ne(professionals.id, holderId),
        eq(professionals.active, true),
        notExists(
          q
            .select({ one: sql`1` })
            .from(unavailabilities)
            .where(
              and(
                eq(unavailabilities.professionalId, professionals.id),
                overlaps(unavailabilities.startsAt, unavailabilities.endsAt),
              ),
            ),
        ),
        notExists(
          q
            .select({ one: sql`1` })
            .from(shifts)
            .where(
              and(
                eq(shifts.professionalId, professionals.id),
                eq(shifts.status, 'active'),
                ne(shifts.id, shift.id),
                overlaps(shifts.startsAt, shifts.endsAt),
              ),
            ),
        ),
      ),
    );
}

/** Where a recipient can be reached: mobile and e-mail, and the account whose choices apply. */
export interface Address {
  userId: string | null;
  mobile: string | null;
  email: string | null;
}

/** Addresses of professionals (with their account's e-mail when they have one), by id. */
export async function addressesOfProfessionals(q: Queryable, ids: string[]) {
  if (!ids.length) return new Map<string, Address>();
  const rows = await q
    .select({
      id: professionals.id,
      mobile: professionals.mobile,
      email: professionals.email,
      userId: users.id,
      userEmail: users.email,
    })
    .from(professionals)
    .leftJoin(users, and(eq(users.professionalId, professionals.id), isNull(users.deactivatedAt)))
    .where(inArray(professionals.id, ids));
  return new Map(
    rows.map((r) => [
      r.id,
      { userId: r.userId, mobile: r.mobile, email: r.userEmail ?? r.email } satisfies Address,
    ]),
  );
}

/** Addresses of users (a manager's mobile is their professional record's, if linked), by id. */
export async function addressesOfUsers(q: Queryable, ids: string[]) {
  if (!ids.length) return new Map<string, Address>();
  const rows = await q
    .select({ id: users.id, email: users.email, mobile: professionals.mobile })
    .from(users)
    .leftJoin(professionals, eq(professionals.id, users.professionalId))
    .where(inArray(users.id, ids));
  return new Map(
    rows.map((r) => [r.id, { userId: r.id, mobile: r.mobile, email: r.email } satisfies Address]),
  );
}

export type Preference = { sms: boolean; email: boolean };
/** What a person gets when they have chosen nothing: SMS on, e-mail off. */
export const defaultPreference: Preference = { sms: true, email: false };

/** The choices of these users for one kind of notice, by user id (absent: the default). */
export async function preferencesFor(q: Queryable, userIds: string[], kind: NoticeKind) {
  if (!userIds.length) return new Map<string, Preference>();
  const rows = await q
    .select()
    .from(noticePreferences)
    .where(and(inArray(noticePreferences.userId, userIds), eq(noticePreferences.kind, kind)));
  return new Map(rows.map((r) => [r.userId, { sms: r.sms, email: r.email }]));
}

/** Every choice of one user, by kind. */
export async function preferencesOf(q: Queryable, userId: string) {
  const rows = await q.select().from(noticePreferences).where(eq(noticePreferences.userId, userId));
  return new Map(rows.map((r) => [r.kind, { sms: r.sms, email: r.email }]));
}

export async function savePreference(
  q: Queryable,
  userId: string,
  kind: NoticeKind,
  choice: Preference,
) {
  await q
    .insert(noticePreferences)
    .values({ userId, kind, ...choice })
    .onConflictDoUpdate({
      target: [noticePreferences.userId, noticePreferences.kind],
      set: choice,
    });
}

export async function insertNotices(q: Queryable, rows: NewNotice[]): Promise<NoticeRow[]> {
  if (!rows.length) return [];
  return q.insert(swapNotices).values(rows).returning();
}

/** Notices written but never handed to the queue (it was down, or we stopped in between). */
export function noticesToEnqueue(q: Queryable) {
  return q
    .select()
    .from(swapNotices)
    .where(isNull(swapNotices.enqueuedAt))
    .orderBy(swapNotices.createdAt)
    .limit(200);
}

export async function markNoticesEnqueued(q: Queryable, ids: string[], at: Date) {
  if (ids.length)
    await q.update(swapNotices).set({ enqueuedAt: at }).where(inArray(swapNotices.id, ids));
}

export async function noticeById(q: Queryable, id: string) {
  const [row] = await q.select().from(swapNotices).where(eq(swapNotices.id, id));
  return row;
}

export async function markNoticeDone(q: Queryable, id: string, outcome: string, at: Date) {
  await q.update(swapNotices).set({ outcome, sentAt: at }).where(eq(swapNotices.id, id));
}
