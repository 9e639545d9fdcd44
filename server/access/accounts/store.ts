import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Queryable } from '../../../db/client.js';
import {
  accountInvitations,
  apiTokens,
  professionals,
  sessions,
  territories,
  users,
  userTerritories,
} from '../../../db/schema/index.js';
import { newIcalToken } from '../../planning/ical/token.js';

export type UserRow = typeof users.$inferSelect;
/** A user as the audit log and the pages see them: never the password hash. */
export type Account = Omit<UserRow, 'passwordHash'> & { territoryIds: string[]; invited: boolean };

export async function userByEmail(db: Queryable, email: string): Promise<UserRow | null> {
  const [row] = await db.select().from(users).where(eq(users.email, email));
  return row ?? null;
}

export async function userById(db: Queryable, id: string): Promise<UserRow | null> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row ?? null;
}

export async function userOfProfessional(
  db: Queryable,
  professionalId: string,
): Promise<UserRow | null> {
  const [row] = await db.select().from(users).where(eq(users.professionalId, professionalId));
  return row ?? null;
}

export async function accountById(db: Queryable, id: string): Promise<Account | null> {
  const [account] = await accountsWhere(db, eq(users.id, id));
  return account ?? null;
}

/** Every account (admins), or those belonging to one of `territoryIds` (managers). */
export function accountsOfTerritories(db: Queryable, territoryIds: string[] | 'all') {
  if (territoryIds === 'all') return accountsWhere(db, undefined);
  if (territoryIds.length === 0) return Promise.resolve([]);
  return accountsWhere(
    db,
    inArray(
      users.id,
      db
        .select({ id: userTerritories.userId })
        .from(userTerritories)
        .where(inArray(userTerritories.territoryId, territoryIds)),
    ),
  );
}

async function accountsWhere(db: Queryable, where: ReturnType<typeof eq> | undefined) {
  const rows = await db.select().from(users).where(where).orderBy(asc(users.email));
  if (rows.length === 0) return [];
  const scopes = await db
    .select()
    .from(userTerritories)
    .where(
      inArray(
        userTerritories.userId,
        rows.map((r) => r.id),
      ),
    );
  return rows.map(({ passwordHash, ...user }): Account => ({
    ...user,
    territoryIds: scopes.filter((s) => s.userId === user.id).map((s) => s.territoryId),
    invited: passwordHash === null,
  }));
}

export async function existingTerritoryIds(db: Queryable, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: territories.id })
    .from(territories)
    .where(inArray(territories.id, ids));
  return rows.map((r) => r.id);
}

export async function insertUser(
  db: Queryable,
  values: typeof users.$inferInsert,
  territoryIds: string[],
): Promise<UserRow> {
  const [row] = await db.insert(users).values(values).returning();
  if (territoryIds.length)
    await db
      .insert(userTerritories)
      .values(territoryIds.map((territoryId) => ({ userId: row!.id, territoryId })));
  return row!;
}

export async function setPasswordHash(db: Queryable, userId: string, hash: string | null) {
  await db.update(users).set({ passwordHash: hash }).where(eq(users.id, userId));
}

/** A new invitation; the user's earlier unused links stop working. */
export async function replaceInvitation(
  db: Queryable,
  userId: string,
  tokenHash: string,
  now: Date,
  expiresAt: Date,
) {
  await closeInvitations(db, userId, now);
  await db.insert(accountInvitations).values({ userId, tokenHash, expiresAt });
}

export async function closeInvitations(db: Queryable, userId: string, now: Date) {
  await db
    .update(accountInvitations)
    .set({ usedAt: now })
    .where(and(eq(accountInvitations.userId, userId), isNull(accountInvitations.usedAt)));
}

export async function invitationByTokenHash(db: Queryable, tokenHash: string) {
  const [row] = await db
    .select({ invitation: accountInvitations, user: users })
    .from(accountInvitations)
    .innerJoin(users, eq(users.id, accountInvitations.userId))
    .where(eq(accountInvitations.tokenHash, tokenHash));
  return row ?? null;
}

/** Marks a link used; false when another request used it first (one use only). */
export async function useInvitation(db: Queryable, id: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(accountInvitations)
    .set({ usedAt: now })
    .where(and(eq(accountInvitations.id, id), isNull(accountInvitations.usedAt)))
    .returning({ id: accountInvitations.id });
  return rows.length === 1;
}

/** Ends the user's web sessions (express-session rows hold the user id), but `keepSid`. */
export async function endSessionsOf(db: Queryable, userId: string, keepSid?: string) {
  await db
    .delete(sessions)
    .where(
      and(
        sql`${sessions.sess}->>'userId' = ${userId}`,
        keepSid ? sql`${sessions.sid} <> ${keepSid}` : undefined,
      ),
    );
}

/** Deactivation: the account, its tokens and links; a professional leaves the rota and their iCal token changes. */
export async function deactivate(
  db: Queryable,
  user: { id: string; professionalId: string | null },
  now: Date,
) {
  await db
    .update(users)
    .set({ deactivatedAt: now, passwordHash: null })
    .where(eq(users.id, user.id));
  await db.delete(apiTokens).where(eq(apiTokens.userId, user.id));
  await closeInvitations(db, user.id, now);
  await endSessionsOf(db, user.id);
  if (user.professionalId)
    await db
      .update(professionals)
      .set({ active: false, icalToken: newIcalToken() })
      .where(eq(professionals.id, user.professionalId));
}

/** The way back from `deactivate` (a reset of a deactivated account): the feed token stays new. */
export async function reactivate(
  db: Queryable,
  user: { id: string; professionalId: string | null },
) {
  await db.update(users).set({ deactivatedAt: null }).where(eq(users.id, user.id));
  if (user.professionalId)
    await db
      .update(professionals)
      .set({ active: true })
      .where(eq(professionals.id, user.professionalId));
}
