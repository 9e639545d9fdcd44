import { createServer, type Server } from 'node:http';
import { openDatabase, type DbHandle } from '../db/client.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../db/embedded.js';
import { migrateDatabase } from '../db/migrate.js';
import { createApp } from './app.js';
import { publicUrl as publicUrlOf, type Config } from './platform/config.js';
import type { AppDeps } from './platform/deps.js';
import { createQueueFactory, type QueueBackend } from './platform/queue-backend.js';
import { createJobs } from './platform/queues.js';
import { openLiveCalls } from './line/call-state-store.js';
import { scheduleShiftReminders } from './planning/reminders/shift-reminder-job.js';
import { startWorkers, type Workers } from './workers.js';
import { createLogger, type Logger } from './platform/logger.js';
import { createTwilioClient } from './twilio/client.js';

export interface RunningService {
  url: string;
  deps: AppDeps;
  embedded: boolean;
  stop(): Promise<void>;
}

export interface StartOptions {
  /**
   * Where Twilio's REST API is when TWILIO_API_URL is unset: the local emulator that
   * scripts/start.ts runs on the embedded default. The service never starts it itself.
   */
  localTwilioUrl?: string;
}

/**
 * Starts the whole service: database (embedded when DATABASE_URL is unset), migrations,
 * queue backend (Redis or PostgreSQL), Twilio client, HTTP server and workers. `stop()`
 * undoes it in reverse order.
 */
export async function startService(
  config: Config,
  logger: Logger = createLogger(config.LOG_LEVEL),
  options: StartOptions = {},
): Promise<RunningService> {
  const cleanups: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const cleanup of cleanups.reverse())
      await cleanup().catch((err) => logger.warn({ err }, 'shutdown step failed'));
  };
  try {
    let embedded: EmbeddedDatabase | null = null;
    if (!config.DATABASE_URL) {
      embedded = await startEmbeddedPostgres(config.DATA_DIR);
      cleanups.push(() => embedded!.stop());
      logger.info('embedded PostgreSQL started');
    }
    const databaseUrl = config.DATABASE_URL ?? embedded!.url;
    const db: DbHandle = openDatabase(databaseUrl);
    cleanups.push(() => db.close());
    await migrateDatabase(db.db);

    const backend: QueueBackend = config.REDIS_URL
      ? { kind: 'redis', url: config.REDIS_URL, prefix: config.QUEUE_PREFIX }
      : { kind: 'postgres', url: databaseUrl };
    const jobs = createJobs(createQueueFactory(backend));
    cleanups.push(() => jobs.close());
    // Live-call facts: the queues' Redis when REDIS_URL is set, else this PostgreSQL.
    const live = openLiveCalls(config, db.sql);
    cleanups.push(() => live.close());

    const apiUrl = config.TWILIO_API_URL ?? options.localTwilioUrl;
    if (!apiUrl) throw new Error('TWILIO_API_URL is unset and no local Twilio emulator was given');
    const twilio = createTwilioClient(config.TWILIO_ACCOUNT_SID, config.TWILIO_AUTH_TOKEN, apiUrl);

    const server = await listen(config);
    const port = (server.address() as { port: number }).port;
    const url = `http://${config.HOST}:${port}`;
    const deps: AppDeps = {
      config,
      publicUrl: publicUrlOf(config, port),
      db,
      jobs,
      twilio,
      logger,
      live,
      now: () => new Date(),
      ...(options.localTwilioUrl && !config.TWILIO_API_URL
        ? { emulatorUrl: options.localTwilioUrl }
        : {}),
    };
    deps.onShiftChanged = async (ids) => {
      await scheduleShiftReminders(deps, ids);
    };
    server.on('request', createApp(deps));
    cleanups.push(() => closeServer(server));

    if (config.RUN_WORKERS) {
      const workers: Workers = startWorkers(deps);
      cleanups.push(() => workers.close());
    }
    return { url, deps, embedded: embedded !== null, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

function listen(config: Config): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.keepAliveTimeout = 65_000;
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, () => resolve(server));
  });
}

/** Stops accepting, lets in-flight requests finish (Twilio webhooks are short), then closes idle sockets. */
function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 5000).unref();
  });
}
