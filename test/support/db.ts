import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { openDatabase, type DbHandle } from '../../db/client.js';
import { databaseUrl, templateDatabase, testPostgresAdminUrl } from './env.js';

export interface TestDatabase extends DbHandle {
  url: string;
  name: string;
  /** Closes the pool and drops the database. */
  drop(): Promise<void>;
}

/** A fresh, migrated database of its own for one test file, on the machine's real PostgreSQL. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `gardeline_t_${randomBytes(6).toString('hex')}`;
  const admin = postgres(testPostgresAdminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name} template ${templateDatabase}`);
  } finally {
    await admin.end();
  }
  const url = databaseUrl(name);
  const handle = openDatabase(url, { max: 5 });
  return {
    ...handle,
    url,
    name,
    async drop() {
      await handle.close();
      const dropper = postgres(testPostgresAdminUrl, { max: 1, onnotice: () => {} });
      try {
        await dropper.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await dropper.end();
      }
    },
  };
}
