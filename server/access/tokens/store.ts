import { and, asc, eq } from 'drizzle-orm';
import type { Queryable } from '../../../db/client.js';
import { apiTokens, territories } from '../../../db/schema/index.js';

/** A token as listed: never its hash. */
export interface TokenListing {
  id: string;
  name: string;
  territoryId: string | null;
  territoryName: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
}

export function tokensOf(db: Queryable, userId: string): Promise<TokenListing[]> {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      territoryId: apiTokens.territoryId,
      territoryName: territories.name,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
    })
    .from(apiTokens)
    .leftJoin(territories, eq(territories.id, apiTokens.territoryId))
    .where(eq(apiTokens.userId, userId))
    .orderBy(asc(apiTokens.createdAt));
}

export async function tokenById(db: Queryable, id: string) {
  const [row] = await db
    .select({
      id: apiTokens.id,
      userId: apiTokens.userId,
      name: apiTokens.name,
      territoryId: apiTokens.territoryId,
    })
    .from(apiTokens)
    .where(eq(apiTokens.id, id));
  return row ?? null;
}

export async function deleteToken(db: Queryable, id: string, userId: string): Promise<boolean> {
  const rows = await db
    .delete(apiTokens)
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId)))
    .returning({ id: apiTokens.id });
  return rows.length === 1;
}

export async function insertToken(
  db: Queryable,
  values: typeof apiTokens.$inferInsert,
): Promise<string> {
  const [row] = await db.insert(apiTokens).values(values).returning({ id: apiTokens.id });
  return row!.id;
}
