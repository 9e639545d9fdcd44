import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { openDatabase } from '../../db/client.js';
import { migrateDatabase } from '../../db/migrate.js';
import { databaseUrl, testPostgresAdminUrl } from './env.js';

const prefix = 'gardeline_tpl_';
const staleAfterSeconds = 6 * 3600;

export async function onAdmin<T>(work: (admin: postgres.Sql) => Promise<T>): Promise<T> {
  const admin = postgres(testPostgresAdminUrl, { max: 1, onnotice: () => {} });
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

/**
 * A freshly migrated database for test databases to clone (CREATE DATABASE … TEMPLATE is a file
 * copy). Each run gets its own, named with its creation time, so two runs on one machine never
 * drop each other's template; templates left by crashed runs are dropped once they are stale.
 */
export async function createTemplateDatabase(): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const name = `${prefix}${now}_${randomBytes(3).toString('hex')}`;
  await onAdmin(async (admin) => {
    const existing = await admin<
      { datname: string }[]
    >`select datname from pg_database where datname like ${prefix + '%'}`;
    for (const { datname } of existing) {
      const createdAt = Number(datname.slice(prefix.length).split('_')[0]);
      if (now - createdAt > staleAfterSeconds)
        await admin.unsafe(`drop database if exists ${datname} with (force)`);
    }
  });
  await createMigratedDatabase(name);
  return name;
}

/** A new database with every migration applied. */
export async function createMigratedDatabase(name: string): Promise<void> {
  await onAdmin((admin) => admin.unsafe(`create database ${name}`));
  const handle = openDatabase(databaseUrl(name), { max: 2 });
  try {
    await migrateDatabase(handle.db);
  } finally {
    await handle.close();
  }
}

export function dropTemplateDatabase(name: string): Promise<void> {
  return onAdmin(
    async (admin) => void (await admin.unsafe(`drop database if exists ${name} with (force)`)),
  );
}
