/**
 * `npm run worker`: queue workers in a process of their own (set RUN_WORKERS=false on the web
 * processes). Needs DATABASE_URL; REDIS_URL for Redis queues (else the PostgreSQL backend).
 */
import { loadConfigOrExit } from './config-or-exit.js';

const config = loadConfigOrExit();
if (!config.DATABASE_URL) {
  console.error(
    'gardeline: DATABASE_URL: required by npm run worker (missing); npm start runs workers itself',
  );
  process.exit(2);
}

const { openDatabase } = await import('../db/client.js');
const { createQueueFactory } = await import('../server/platform/queue-backend.js');
const { createJobs } = await import('../server/platform/queues.js');
const { startWorkers } = await import('../server/workers.js');
const { createLogger } = await import('../server/platform/logger.js');
const { createTwilioClient } = await import('../server/twilio/client.js');
const { publicUrl } = await import('../server/platform/config.js');
const { openLiveCalls } = await import('../server/line/call-state-store.js');

const logger = createLogger(config.LOG_LEVEL);
const db = openDatabase(config.DATABASE_URL);
const jobs = createJobs(
  createQueueFactory(
    config.REDIS_URL
      ? { kind: 'redis', url: config.REDIS_URL, prefix: config.QUEUE_PREFIX }
      : { kind: 'postgres', url: config.DATABASE_URL },
  ),
);
const deps = {
  config,
  publicUrl: publicUrl(config),
  db,
  jobs,
  twilio: createTwilioClient(
    config.TWILIO_ACCOUNT_SID,
    config.TWILIO_AUTH_TOKEN,
    config.TWILIO_API_URL,
  ),
  logger,
  live: openLiveCalls(config, db.sql),
  now: () => new Date(),
};
const workers = startWorkers(deps);
logger.info('workers started');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    logger.info({ signal }, 'stopping workers (waiting for active jobs)');
    void workers
      .close()
      .then(() => jobs.close())
      .then(() => deps.live.close())
      .then(() => db.close())
      .then(() => process.exit(0));
  });
}
