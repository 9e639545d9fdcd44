import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { eq } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { apiTokens, users } from '../../db/schema/index.js';

/** An argon2id hash of a password (the test builders make users with it). */
export const hashPassword = (password: string) => hash(password);

/** The user id for a correct email + password, else null (same cost either way). */
export async function checkPassword(
  db: Queryable,
  email: string,
  password: string,
): Promise<string | null> {
  const [user] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
  const ok = await verify(user?.passwordHash ?? dummyHash, password).catch(() => false);
  return user && ok ? user.id : null;
}
const dummyHash =
  '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$ZnVOdm1XeWdKb3hUb1N0bG9sR2J1dz09';

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** A new API token; only its SHA-256 is stored. */
export async function createApiToken(db: Queryable, userId: string, name: string): Promise<string> {
  const token = `glt_${randomBytes(24).toString('base64url')}`;
  await db.insert(apiTokens).values({ userId, name, tokenHash: tokenHash(token) });
  return token;
}

export async function userForToken(db: Queryable, token: string): Promise<string | null> {
  const [row] = await db
    .select({ userId: apiTokens.userId })
    .from(apiTokens)
    .where(eq(apiTokens.tokenHash, tokenHash(token)));
  return row?.userId ?? null;
}
