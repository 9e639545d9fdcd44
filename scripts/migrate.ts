/** `npm run migrate`: applies the committed migrations to DATABASE_URL. */
import { openDatabase } from '../db/client.js';
import { migrateDatabase } from '../db/migrate.js';
import { loadConfig } from '../server/platform/config.js';

const config = loadConfig();
if (!config.DATABASE_URL) {
  console.error(
    'gardeline: DATABASE_URL: required by npm run migrate (missing); npm start migrates the embedded database itself',
  );
  process.exit(2);
}
const handle = openDatabase(config.DATABASE_URL);
try {
  await migrateDatabase(handle.db);
  console.log('migrations applied');
} finally {
  await handle.close();
}
