import { randomBytes } from 'node:crypto';
import { startTwilioEmulator, type TwilioEmulator } from '@gardeline/twilio-emulator';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startService, type RunningService } from '../../server/main.js';
import { loadConfig } from '../../server/platform/config.js';
import { createLogger } from '../../server/platform/logger.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { testRedisUrl } from '../support/env.js';

// A web unit (RUN_WORKERS=false) reconciles its own live calls: a claim it kept in memory while
// the shared store was down is known to no other process, so nothing else would free it.
const accountSid = 'AC' + 'c0ffee'.padEnd(32, '0');
const authToken = 'web-reconciler-auth-token-0123456';
const prefix = `gltest-${randomBytes(4).toString('hex')}`;
let db: TestDatabase;
let emulator: TwilioEmulator;
let service: RunningService;

beforeAll(async () => {
  db = await createTestDatabase();
  emulator = await startTwilioEmulator({ accountSid, authToken, timeScale: 0.02 });
  service = await startService(
    loadConfig({
      DATABASE_URL: db.url,
      REDIS_URL: testRedisUrl,
      QUEUE_PREFIX: prefix,
      PORT: '0',
      RUN_WORKERS: 'false',
      TWILIO_API_URL: emulator.url,
      TWILIO_ACCOUNT_SID: accountSid,
      TWILIO_AUTH_TOKEN: authToken,
      LOG_LEVEL: 'silent',
    }),
    createLogger('silent', false),
    { reconciler: { everyMs: 50, olderThanMs: 0 } },
  );
});
afterAll(async () => {
  await service?.stop();
  await emulator?.close();
  const redis = new Redis(testRedisUrl);
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
  await db.drop();
});

it('a web unit frees the bridges of calls Twilio no longer knows', async () => {
  const live = service.deps.live!;
  const unknown = 'CA' + 'e'.repeat(32);
  expect(await live.bridge({ professionalId: 'p-web', callSid: unknown, legSid: null }, null)).toBe(
    true,
  );
  await expect.poll(() => live.isBusy('p-web'), { timeout: 3000 }).toBe(false);
});
