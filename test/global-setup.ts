import postgres from 'postgres';
import { openDatabase } from '../db/client.js';
import { migrateDatabase } from '../db/migrate.js';
import { databaseUrl, templateDatabase, testPostgresAdminUrl } from './support/env.js';

/** Builds the migrated template database once per run; each test file clones it. */
export default async function setup(): Promise<void> {
  const admin = postgres(testPostgresAdminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists ${templateDatabase} with (force)`);
    await admin.unsafe(`create database ${templateDatabase}`);
  } finally {
    await admin.end();
  }
  const handle = openDatabase(databaseUrl(templateDatabase), { max: 1 });
  try {
    await migrateDatabase(handle.db);
  } finally {
    await handle.close();
  }
}
