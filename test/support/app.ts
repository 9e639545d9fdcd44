import { randomBytes } from 'node:crypto';
import type { Express } from 'express';
import { createApp } from '../../server/app.js';
import { loadConfig, type Config } from '../../server/platform/config.js';
import type { AppDeps } from '../../server/platform/deps.js';
import { createQueueFactory, type QueueBackend } from '../../server/platform/queue-backend.js';
import { createJobs } from '../../server/platform/queues.js';
import { openLiveCalls } from '../../server/line/call-state-store.js';
import { createLogger } from '../../server/platform/logger.js';
import { createTwilioClient } from '../../server/twilio/client.js';
import { openDatabase } from '../../db/client.js';
import { createTestDatabase, type TestDatabase } from './db.js';
import { testRedisUrl } from './env.js';

export interface TestApp {
  app: Express;
  deps: AppDeps;
  db: TestDatabase;
  /** Pins the clock the app sees. */
  setNow(date: Date): void;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Queue backend: Redis with a unique prefix by default. */
  queue?: 'redis' | 'postgres';
  /** The public URL Twilio signs against (the emulator posts there). */
  publicUrl?: string;
  /** Twilio REST base URL (the emulator's). */
  twilioApiUrl?: string;
  env?: Record<string, string>;
  now?: Date;
  /** Rewrites the URLs the app connects with (e.g. through a TCP proxy a test can cut). */
  databaseUrlFor?: (url: string) => string;
  redisUrl?: string;
  /** Redis queue prefix (a unique one by default). */
  queuePrefix?: string;
}

/** The real app on a database of its own and a queue namespace of its own. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const config: Config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    ROTA_CACHE_SECONDS: '0',
    ...options.env,
  });
  const backend: QueueBackend =
    options.queue === 'postgres'
      ? { kind: 'postgres', url: db.url, schema: 'bullmq' }
      : {
          kind: 'redis',
          url: options.redisUrl ?? testRedisUrl,
          prefix: options.queuePrefix ?? `gltest-${randomBytes(4).toString('hex')}`,
        };
  const jobs = createJobs(createQueueFactory(backend));
  let now = options.now ?? null;
  const appDb = options.databaseUrlFor
    ? openDatabase(options.databaseUrlFor(db.url), { max: 5 })
    : db;
  const deps: AppDeps = {
    config,
    publicUrl: options.publicUrl ?? 'http://127.0.0.1:3000',
    db: appDb,
    jobs,
    twilio: createTwilioClient(
      config.TWILIO_ACCOUNT_SID,
      config.TWILIO_AUTH_TOKEN,
      options.twilioApiUrl ?? 'http://127.0.0.1:9',
    ),
    logger: createLogger('silent', false),
    // From the config, as in main.ts: REDIS_URL in `env` → Redis, else this test's PostgreSQL.
    live: openLiveCalls(config, appDb.sql),
    now: () => now ?? new Date(),
  };
  return {
    app: createApp(deps),
    deps,
    db,
    setNow: (date) => {
      now = date;
    },
    async close() {
      await deps.live?.close();
      await jobs.close();
      if (appDb !== db) await appDb.close();
      await db.drop();
    },
  };
}
