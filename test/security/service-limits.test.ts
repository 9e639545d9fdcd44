import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startService, type RunningService } from '../../server/main.js';
import { loadConfig } from '../../server/platform/config.js';
import { createLogger } from '../../server/platform/logger.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { testRedisUrl } from '../support/env.js';

/** The service started with REDIS_URL counts failed logins in Redis, shared by its instances. */
const prefix = `gltest-${randomBytes(4).toString('hex')}`;
let db: TestDatabase;
let service: RunningService;
let redis: Redis;

beforeAll(async () => {
  db = await createTestDatabase();
  redis = new Redis(testRedisUrl);
  service = await startService(
    loadConfig({
      DATABASE_URL: db.url,
      REDIS_URL: testRedisUrl,
      QUEUE_PREFIX: prefix,
      PORT: '0',
      RUN_WORKERS: 'false',
      TWILIO_API_URL: 'http://127.0.0.1:9',
      LOG_LEVEL: 'silent',
    }),
    createLogger('silent', false),
  );
});
afterAll(async () => {
  await service?.stop();
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
  await db.drop();
});

it('counts a failed login in Redis, not in the process', async () => {
  const res = await fetch(`${service.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'nobody@test.local', password: 'wrong' }),
  });
  expect(res.status).toBe(401);
  const keys = await redis.keys(`${prefix}:login-limit:*`);
  expect(keys.some((k) => k.includes(':address:'))).toBe(true);
  expect(keys.some((k) => k.includes(':account:'))).toBe(true);
  expect((await db.sql`select count(*)::int as n from rate_limit_hits`)[0]!.n).toBe(0);
});
