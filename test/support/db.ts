import { randomBytes } from 'node:crypto';
import { openDatabase, type DbHandle } from '../../db/client.js';
import { databaseUrl } from './env.js';
import { createMigratedDatabase, onAdmin } from './template.js';

export interface TestDatabase extends DbHandle {
  url: string;
  name: string;
  /** Closes the pool and drops the database. */
  drop(): Promise<void>;
}

/** A fresh, migrated database of its own for one test file, on the machine's real PostgreSQL. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `gardeline_t_${randomBytes(6).toString('hex')}`;
  if (process.env.VITEST) {
    // The run's template (global-setup): CREATE DATABASE … TEMPLATE is a file copy, faster than migrating.
    const template = (await import('vitest')).inject('templateDatabase');
    await onAdmin((admin) => admin.unsafe(`create database ${name} template ${template}`));
  } else {
    // Benchmarks use the harness outside vitest: they migrate their database directly.
    await createMigratedDatabase(name);
  }
  const url = databaseUrl(name);
  const handle = openDatabase(url, { max: 5 });
  return {
    ...handle,
    url,
    name,
    async drop() {
      await handle.close();
      await onAdmin((admin) => admin.unsafe(`drop database if exists ${name} with (force)`));
    },
  };
}
