/**
 * `npm run create-admin`: the first admin of a (production) database, without touching SQL.
 * Asks the e-mail, name and password (or reads ADMIN_EMAIL, ADMIN_NAME, ADMIN_PASSWORD), refuses a
 * weak password, and says so if the admin already exists (exit 0: safe to run twice).
 */
import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import { openDatabase } from '../db/client.js';
import { startEmbeddedPostgres } from '../db/embedded.js';
import { migrateDatabase } from '../db/migrate.js';
import { createFirstAdmin } from '../server/access/accounts/commands.js';
import { firstAdmin } from '../server/access/accounts/schema.js';
import { HttpError } from '../server/platform/http-errors.js';
import { loadConfigOrExit } from './config-or-exit.js';

// Echo is muted while the password is typed on a terminal.
let muted = false;
const output = new Writable({
  write(chunk, _enc, done) {
    if (!muted) process.stdout.write(chunk);
    done();
  },
});
const rl = createInterface({ input: process.stdin, output, terminal: process.stdin.isTTY });
const ask = async (question: string, env: string | undefined, secret = false) => {
  if (env) return env;
  process.stdout.write(question);
  muted = secret && Boolean(process.stdin.isTTY);
  const answer = await rl.question('');
  if (muted) process.stdout.write('\n');
  muted = false;
  return answer.trim();
};

const config = loadConfigOrExit();
const email = await ask('E-mail de l’administrateur : ', process.env.ADMIN_EMAIL);
const name = await ask('Nom : ', process.env.ADMIN_NAME ?? (email ? 'Administration' : undefined));
const password = await ask(
  'Mot de passe (12 caractères au moins) : ',
  process.env.ADMIN_PASSWORD,
  true,
);
rl.close();
const input = firstAdmin.safeParse({ email, name, password });
if (!input.success) {
  console.error(`create-admin: ${input.error.issues.map((i) => i.message).join(' ; ')}`);
  process.exit(1);
}

const embedded = config.DATABASE_URL ? null : await startEmbeddedPostgres(config.DATA_DIR);
const handle = openDatabase(config.DATABASE_URL ?? embedded!.url);
let code = 0;
try {
  await migrateDatabase(handle.db);
  const result = await createFirstAdmin(handle.db, input.data);
  console.log(
    result === 'created'
      ? `create-admin: administrateur ${input.data.email} créé ; connectez-vous sur /login.`
      : `create-admin: l’administrateur ${input.data.email} existe déjà ; rien n’a changé.`,
  );
} catch (err) {
  if (!(err instanceof HttpError)) throw err;
  console.error(`create-admin: ${err.message}`);
  code = 1;
} finally {
  await handle.close();
  await embedded?.stop();
}
process.exit(code);
