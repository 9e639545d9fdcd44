import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { runScript } from './run-script.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

describe('npm run create-admin and npm run seed', () => {
  const env = () => ({ NODE_ENV: 'test', DATABASE_URL: db.url, ADMIN_EMAIL: 'Admin@CPTS.example' });

  it('refuses a weak password with the reason, and creates nothing', async () => {
    const run = await runScript('create-admin.ts', { ...env(), ADMIN_PASSWORD: 'azertyuiop123' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/trop courant/);
    const short = await runScript('create-admin.ts', { ...env(), ADMIN_PASSWORD: 'court' });
    expect(short.code).toBe(1);
    expect(short.stderr).toMatch(/12 caractères/);
  });

  it('creates the first admin once, then says it exists', async () => {
    const first = await runScript('create-admin.ts', {
      ...env(),
      ADMIN_PASSWORD: 'phare de la teignouse 1902',
    });
    expect(first.stdout).toMatch(/administrateur admin@cpts\.example créé/);
    expect(first.code).toBe(0);
    const again = await runScript('create-admin.ts', {
      ...env(),
      ADMIN_PASSWORD: 'phare de la teignouse 1902',
    });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/existe déjà/);
    const rows = await db.sql`select role, password_hash from users`;
    expect(rows).toHaveLength(1);
    expect(rows[0]!.role).toBe('admin');
    // The password is never written anywhere in clear.
    expect(`${first.stdout}${first.stderr}`).not.toContain('teignouse');
  });

  it('the demo seed refuses NODE_ENV=production and writes nothing', async () => {
    const run = await runScript('seed.ts', { NODE_ENV: 'production', DATABASE_URL: db.url });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/NODE_ENV=production/);
    const [{ count }] =
      (await db.sql`select count(*)::int as count from territories`) as unknown as [
        { count: number },
      ];
    expect(count).toBe(0);
  });
});
