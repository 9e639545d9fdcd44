/** `npm run seed`: the demo territory "Pays d'Auray", idempotent, on DATABASE_URL or the embedded database. */
import { openDatabase } from '../db/client.js';
import { startEmbeddedPostgres } from '../db/embedded.js';
import { migrateDatabase } from '../db/migrate.js';
import { seedDemo } from '../db/seed/seed-demo.js';
import { loadConfig } from '../server/platform/config.js';

// The demo's users have a password printed in the README: never on a production database.
if (process.env.NODE_ENV === 'production') {
  console.error(
    'seed: refusé avec NODE_ENV=production (comptes de démonstration). Use `npm run create-admin`.',
  );
  process.exit(1);
}

const config = loadConfig();
const embedded = config.DATABASE_URL ? null : await startEmbeddedPostgres(config.DATA_DIR);
const handle = openDatabase(config.DATABASE_URL ?? embedded!.url);
try {
  await migrateDatabase(handle.db);
  const result = await seedDemo(handle.db, new Date());
  console.log(
    `${result.created ? 'created' : 'kept'} ${result.territoryName} (${result.publicNumber}); ` +
      `${result.shiftsCreated} shifts added; login ${result.managerEmail} / ${result.password}`,
  );
} finally {
  await handle.close();
  await embedded?.stop();
}
