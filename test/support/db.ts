import { randomBytes } from 'node:crypto';
import { openDatabase, type DbHandle } from '../../db/client.js';
import { databaseUrl } from './env.js';
import { createTemplateDatabase, onAdmin } from './template.js';

export interface TestDatabase extends DbHandle {
  url: string;
  name: string;
  /** Closes the pool and drops the database. */
  drop(): Promise<void>;
}

let ownTemplate: Promise<string> | undefined;

/** Under vitest, the run's template (global-setup); the benchmarks, outside it, build their own once. */
async function templateName(): Promise<string> {
  if (process.env.VITEST) return (await import('vitest')).inject('templateDatabase');
  return (ownTemplate ??= createTemplateDatabase());
}

/** A fresh, migrated database of its own for one test file, on the machine's real PostgreSQL. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `gardeline_t_${randomBytes(6).toString('hex')}`;
  const template = await templateName();
  await onAdmin((admin) => admin.unsafe(`create database ${name} template ${template}`));
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
