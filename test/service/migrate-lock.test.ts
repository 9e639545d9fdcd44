import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.js';
import { migrateDatabase } from '../../db/migrate.js';
import { databaseUrl } from '../support/env.js';
import { onAdmin } from '../support/template.js';

/**
 * Two instances of a rolling deploy start at the same moment on a database that has never been
 * migrated: both run the migrations. Without the advisory lock both read "nothing applied" and
 * one fails on "relation already exists".
 */
const names: string[] = [];
afterAll(async () => {
  for (const name of names)
    await onAdmin((admin) => admin.unsafe(`drop database if exists ${name} with (force)`));
});

describe('migrations from several processes at once', () => {
  it('three concurrent migrations on a fresh database all succeed and apply each migration once', async () => {
    const name = `gardeline_mig_${randomBytes(5).toString('hex')}`;
    names.push(name);
    await onAdmin((admin) => admin.unsafe(`create database ${name}`));
    const handles = [0, 1, 2].map(() => openDatabase(databaseUrl(name), { max: 3 }));
    try {
      const results = await Promise.allSettled(handles.map((h) => migrateDatabase(h.db)));
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
      const applied = await handles[0]!.sql<{ hash: string; n: number }[]>`
        select hash, count(*)::int as n from drizzle.__drizzle_migrations group by hash`;
      expect(applied.length).toBeGreaterThan(0);
      expect(applied.every((row) => row.n === 1)).toBe(true);
      // The lock is released: a later start migrates (nothing to do) without waiting.
      await migrateDatabase(handles[1]!.db);
    } finally {
      await Promise.all(handles.map((h) => h.close()));
    }
  });

  it('refuses a one-connection pool instead of deadlocking', async () => {
    const handle = openDatabase(databaseUrl('test'), { max: 1 });
    await expect(migrateDatabase(handle.db)).rejects.toThrow(/at least 2 connections/);
    await handle.close();
  });
});
