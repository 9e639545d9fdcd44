import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import type { LiveCalls } from '../../server/line/call-state.js';
import { PostgresLiveCalls } from '../../server/line/call-state-postgres.js';
import { RedisLiveCalls } from '../../server/line/call-state-redis.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { testRedisUrl } from '../support/env.js';
import { liveCallsContract } from './live-calls-contract.js';

// The same contract against the two shared stores: two store objects on one Redis (one
// PostgreSQL) stand for two instances of the service.
let db: TestDatabase;
const opened: LiveCalls[] = [];
const prefix = `gltest-live-${randomBytes(4).toString('hex')}`;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await Promise.all(opened.map((live) => live.close()));
  await db.drop();
});

const keep = <T extends LiveCalls>(live: T) => (opened.push(live), live);

liveCallsContract('Redis', async (leases) => [
  keep(new RedisLiveCalls(testRedisUrl, { prefix, ...(leases ? { leases } : {}) })),
  keep(new RedisLiveCalls(testRedisUrl, { prefix, ...(leases ? { leases } : {}) })),
]);

liveCallsContract('PostgreSQL', async (leases) => [
  new PostgresLiveCalls(db.sql, leases),
  new PostgresLiveCalls(db.sql, leases),
]);
