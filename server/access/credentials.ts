import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { apiTokens, users } from '../../db/schema/index.js';

/** An argon2id hash of a password (the test builders make users with it). */
export const hashPassword = (password: string) => hash(password);

/**
 * The user id for a correct email + password, else null (same cost either way). An invited
 * person without a password yet, or a deactivated one, cannot log in.
 */
export async function checkPassword(
  db: Queryable,
  email: string,
  password: string,
): Promise<string | null> {
  const [user] = await db
    .select()
    .from(users)
    .where(and(eq(users.email, email.trim().toLowerCase()), isNull(users.deactivatedAt)));
  const ok = await verify(user?.passwordHash ?? dummyHash, password).catch(() => false);
  return user?.passwordHash && ok ? user.id : null;
}
const dummyHash =
  '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$ZnVOdm1XeWdKb3hUb1N0bG9sR2J1dz09';

export const apiTokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * A new API token, only its SHA-256 stored. Unscoped without `territoryId` (test builders); the
 * web app's tokens are always scoped (tokens/commands.ts).
 */
export async function createApiToken(
  db: Queryable,
  userId: string,
  name: string,
  territoryId: string | null = null,
): Promise<string> {
  const token = `glt_${randomBytes(24).toString('base64url')}`;
  await db.insert(apiTokens).values({ userId, name, territoryId, tokenHash: apiTokenHash(token) });
  return token;
}

// `last_used_at` is written at most once a minute per token: not one write per API request.
const lastUsedResolutionMs = 60_000;

/** Who a Bearer token acts for, and the one territory it is scoped to (null: unscoped). */
export async function userForToken(
  db: Queryable,
  token: string,
  now: Date = new Date(),
): Promise<{ userId: string; territoryId: string | null } | null> {
  const [row] = await db
    .select({
      id: apiTokens.id,
      userId: apiTokens.userId,
      territoryId: apiTokens.territoryId,
      lastUsedAt: apiTokens.lastUsedAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.tokenHash, apiTokenHash(token)));
  if (!row) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= lastUsedResolutionMs)
    await db
      .update(apiTokens)
      .set({ lastUsedAt: now })
      .where(
        and(
          eq(apiTokens.id, row.id),
          or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, now)),
        ),
      );
  return { userId: row.userId, territoryId: row.territoryId };
}
