/**
 * `npm run migrate`: applies the committed migrations to DATABASE_URL; the migration step of a
 * deploy (deploy/systemd/gardeline-migrate.service). Safe alongside starting instances: every
 * migrating process queues on the same advisory lock (db/migrate.ts).
 */
import { loadConfigOrExit } from './config-or-exit.js';

const config = loadConfigOrExit();
if (!config.DATABASE_URL) {
  console.error(
    'gardeline: DATABASE_URL: required by npm run migrate (missing); npm start migrates the embedded database itself',
  );
  process.exit(2);
}
const { openDatabase } = await import('../db/client.js');
const { migrateDatabase } = await import('../db/migrate.js');
const handle = openDatabase(config.DATABASE_URL, { max: 2 });
try {
  await migrateDatabase(handle.db);
  console.log('migrations applied');
} catch (err) {
  // The message only: a migration error names the statement, never row values.
  console.error(
    `gardeline: migrations failed: ${err instanceof Error ? err.message : String(err)}`,
  );
  process.exitCode = 1;
} finally {
  await handle.close();
}
