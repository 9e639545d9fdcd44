import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import type postgres from 'postgres';
import type { Database } from './client.js';

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/**
 * The session-level advisory lock every migrating process takes first. Drizzle's migrator is not
 * safe to run twice at once (both read "not applied yet", both run the same DDL, one fails on
 * "already exists"), and several instances starting together during a rolling deploy do exactly
 * that. A fixed key: every gardeline process on one database agrees on it.
 */
const lockKey = "hashtextextended('gardeline:migrations', 0)";

/**
 * Applies committed drizzle-kit migrations; safe to run at every start, from any number of
 * processes at once: they queue on one advisory lock, the first applies, the others find nothing
 * left to do. The lock is held on a connection reserved from the pool while the migrator works on
 * another, so the pool needs at least two connections. A process that dies holding it frees it
 * with its connection.
 */
export async function migrateDatabase(db: Database): Promise<void> {
  // drizzle() keeps its postgres.js pool as $client (openDatabase's `sql`); the type omits it.
  const pool = (db as Database & { $client: postgres.Sql }).$client;
  if ((pool.options.max ?? 10) < 2)
    throw new Error('migrateDatabase needs a pool of at least 2 connections (lock + migrator)');
  const lock = await pool.reserve();
  try {
    await lock.unsafe(`select pg_advisory_lock(${lockKey})`);
    try {
      await migrate(db, { migrationsFolder });
    } finally {
      await lock.unsafe(`select pg_advisory_unlock(${lockKey})`);
    }
  } finally {
    lock.release();
  }
}
