import type { DbHandle } from '../../db/client.js';

/** Resolves when PostgreSQL answers a trivial query: what /healthz calls "the database is up". */
export async function pingDatabase(db: Pick<DbHandle, 'sql'>): Promise<void> {
  await db.sql`select 1`;
}
