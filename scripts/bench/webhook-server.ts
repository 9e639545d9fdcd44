/**
 * The real service for the webhook benchmark, in its own process: the app on a bench database
 * (seeded demo territory), queues on Redis, and a bare express route as the ceiling.
 */
import express from 'express';
import { createServer } from 'node:http';
import postgres from 'postgres';
import { openDatabase } from '../../db/client.js';
import { migrateDatabase } from '../../db/migrate.js';
import { seedDemo } from '../../db/seed/seed-demo.js';
import { createApp } from '../../server/app.js';
import { openLiveCalls } from '../../server/line/call-state-store.js';
import { loadConfig } from '../../server/platform/config.js';
import { createQueueFactory } from '../../server/platform/queue-backend.js';
import { createJobs } from '../../server/platform/queues.js';
import { createLogger } from '../../server/platform/logger.js';
import { createTwilioClient } from '../../server/twilio/client.js';

const admin = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const name = 'gardeline_bench';
const a = postgres(admin, { max: 1, onnotice: () => {} });
await a.unsafe(`drop database if exists ${name} with (force)`);
await a.unsafe(`create database ${name}`);
await a.end();
const url = new URL(admin);
url.pathname = `/${name}`;
const db = openDatabase(url.toString(), { max: 20 });
await migrateDatabase(db.db);
const now = new Date('2026-11-24T21:00:00Z');
await seedDemo(db.db, now);

const config = loadConfig({
  LOG_LEVEL: 'silent',
  TWILIO_AUTH_TOKEN: 'bench-auth-token-0123456789',
});
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const jobs = createJobs(
  createQueueFactory({
    kind: 'redis',
    url: redisUrl,
    prefix: 'glbench',
  }),
);
const server = createServer();
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
const port = (server.address() as { port: number }).port;
const app = createApp({
  config,
  publicUrl: `http://127.0.0.1:${port}`,
  db,
  jobs,
  twilio: createTwilioClient(
    config.TWILIO_ACCOUNT_SID,
    config.TWILIO_AUTH_TOKEN,
    'http://127.0.0.1:9',
  ),
  logger: createLogger('silent', false),
  now: () => now,
  // Live-call facts on the shared store, as `npm start` with REDIS_URL has them (issue 13).
  live: openLiveCalls({ REDIS_URL: redisUrl, QUEUE_PREFIX: 'glbench' }, db.sql),
});
server.on('request', app);

const ceiling = express();
const twiml =
  '<?xml version="1.0" encoding="UTF-8"?><Response><Say language="fr-FR">Bonjour</Say><Gather numDigits="1" action="/x"><Say>Tapez 1</Say></Gather></Response>';
ceiling.use(express.urlencoded({ extended: false }));
ceiling.post('/twilio/voice', (_req, res) => res.type('text/xml').send(twiml));
const ceilingServer = ceiling.listen(0, '127.0.0.1');
await new Promise((r) => ceilingServer.once('listening', r));

console.log(
  JSON.stringify({
    ready: true,
    port,
    ceilingPort: (ceilingServer.address() as { port: number }).port,
    pid: process.pid,
  }),
);
process.on('SIGTERM', () => process.exit(0));
