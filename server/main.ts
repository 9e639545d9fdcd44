import { createServer, type Server } from 'node:http';
import { Redis } from 'ioredis';
import { openDatabase, type DbHandle } from '../db/client.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../db/embedded.js';
import { migrateDatabase } from '../db/migrate.js';
import { createApp } from './app.js';
import { publicUrl as publicUrlOf, type Config } from './platform/config.js';
import type { AppDeps } from './platform/deps.js';
import { createQueueFactory, type QueueBackend } from './platform/queue-backend.js';
import { startLiveCallReconciler, type ReconcilerTimings } from './line/live-call-reconciler.js';
import { createLifecycle } from './platform/lifecycle.js';
import { createJobs } from './platform/queues.js';
import { openLiveCalls } from './line/call-state-store.js';
import { scheduleShiftReminders } from './planning/reminders/shift-reminder-job.js';
import { startWorkers, type Workers } from './workers.js';
import { createLogger, type Logger } from './platform/logger.js';
import { createTwilioClient } from './twilio/client.js';
import { startHl7Listener } from './hospital/hl7/listener.js';

export interface RunningService {
  url: string;
  deps: AppDeps;
  embedded: boolean;
  /** The hospital feed's MLLP listener (HL7_PORT), when it listens. */
  hl7: { host: string; port: number; tls: boolean } | null;
  stop(): Promise<void>;
}

export interface StartOptions {
  /**
   * Where Twilio's REST API is when TWILIO_API_URL is unset: the local emulator that
   * scripts/start.ts runs on the embedded default. The service never starts it itself.
   */
  localTwilioUrl?: string;
  /** The live-call reconciler's timings (tests run it in milliseconds). */
  reconciler?: ReconcilerTimings;
}

/** How long in-flight requests and active jobs get to finish once SIGTERM arrives. */
const drainMs = 6000;

/**
 * Starts the whole service: database (embedded when DATABASE_URL is unset), migrations,
 * queue backend (Redis or PostgreSQL), Twilio client, HTTP server and workers. `stop()` drains:
 * /readyz turns 503 at once, the listener closes, in-flight requests and active jobs finish
 * (at most `drainMs`), then queues, pool and database close; well within 10 s.
 */
export async function startService(
  config: Config,
  logger: Logger = createLogger(config.LOG_LEVEL),
  options: StartOptions = {},
): Promise<RunningService> {
  const lifecycle = createLifecycle();
  // Run together first: the HTTP server and the workers drain at the same time.
  const drains: (() => Promise<void>)[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  const stop = async () => {
    lifecycle.draining = true;
    await Promise.allSettled(drains.map((drain) => drain()));
    for (const cleanup of cleanups.reverse())
      await cleanup().catch((err) => logger.warn({ err }, 'shutdown step failed'));
  };
  try {
    let embedded: EmbeddedDatabase | null = null;
    if (!config.DATABASE_URL) {
      embedded = await startEmbeddedPostgres(config.DATA_DIR, undefined, (m) => logger.warn(m));
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

    // Login rate limits on the shared Redis (every instance counts together); short timeouts.
    const rateLimitRedis = config.REDIS_URL
      ? new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1, commandTimeout: 1000 })
      : undefined;
    if (rateLimitRedis) cleanups.push(async () => void (await rateLimitRedis.quit()));

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
      ...(rateLimitRedis ? { rateLimitRedis } : {}),
      ...(options.localTwilioUrl && !config.TWILIO_API_URL
        ? { emulatorUrl: options.localTwilioUrl }
        : {}),
    };
    deps.onShiftChanged = async (ids) => {
      await scheduleShiftReminders(deps, ids);
    };
    server.on('request', createApp(deps, { lifecycle }));
    drains.push(() => closeServer(server));
    // The hospital's ADT feed: the message in flight is stored and acknowledged, then the
    // connection closes and the hospital's engine resends the rest to the next instance up.
    const hl7 = await startHl7Listener(deps);
    if (hl7) drains.push(() => hl7.close(drainMs));

    if (config.RUN_WORKERS) {
      const workers: Workers = startWorkers(deps);
      drains.push(() => workers.close(drainMs));
    } else {
      // A web unit's own stand-in claims (live-call store down) are freed by no other process.
      const reconciler = startLiveCallReconciler(deps, live, options.reconciler);
      drains.push(async () => reconciler.stop());
    }
    return {
      url,
      deps,
      embedded: embedded !== null,
      hl7: hl7 ? { host: hl7.host, port: hl7.port, tls: hl7.tls } : null,
      stop,
    };
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

/**
 * Stops accepting and closes idle keep-alive connections at once; in-flight requests finish
 * (their responses say Connection: close, see health-routes.ts); whatever is still open after
 * `drainMs` is cut.
 */
function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), drainMs).unref();
  });
}
