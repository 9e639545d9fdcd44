import { randomBytes } from 'node:crypto';
import type { Express } from 'express';
import { Redis } from 'ioredis';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failuresPerAccount, failuresPerAddress } from '../../server/access/login-limits.js';
import { createApp } from '../../server/app.js';
import { aTerritory, aUser, type AUser } from '../support/factories.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { testRedisUrl } from '../support/env.js';

/**
 * The login limits count across instances (two apps on one store: PostgreSQL on the embedded
 * default, Redis in production), per account and per client address, failures only.
 */
let t: TestApp;
let user: AUser;
let redis: Redis;

beforeAll(async () => {
  t = await createTestApp({ env: { TRUST_PROXY: '1' } });
  const territory = await aTerritory(t.db.db);
  user = await aUser(t.db.db, 'manager', { territories: [territory] });
  redis = new Redis(testRedisUrl);
});
afterAll(async () => {
  await redis.quit();
  await t.close();
});

const attempt = (app: Express, email: string, pw: string, from = '198.51.100.7') =>
  request(app).post('/api/session').set('x-forwarded-for', from).send({ email, password: pw });

const stores = {
  postgres: () => [createApp(t.deps), createApp(t.deps)],
  redis: () => {
    const deps = {
      ...t.deps,
      rateLimitRedis: redis,
      config: { ...t.deps.config, QUEUE_PREFIX: `gltest-${randomBytes(4).toString('hex')}` },
    };
    return [createApp(deps), createApp(deps)];
  },
};

describe.each(Object.entries(stores))('on %s', (name, instances) => {
  it('two instances share one account count; successes do not count', async () => {
    const [a, b] = instances();
    await t.db.sql`delete from rate_limit_hits`;
    // Successful logins, many more than the limit: never refused.
    for (let i = 0; i < failuresPerAccount + 2; i++)
      expect((await attempt(i % 2 ? a! : b!, user.user.email, user.password)).status).toBe(200);
    // Failures alternate between the instances, each from a different address.
    for (let i = 0; i < failuresPerAccount; i++) {
      const res = await attempt(i % 2 ? a! : b!, user.user.email, 'wrong', `203.0.113.${i + 1}`);
      expect(res.status, `${name} attempt ${i + 1}`).toBe(401);
    }
    const refused = await attempt(a!, user.user.email, user.password, '203.0.113.99');
    expect(refused.status).toBe(429);
    expect(refused.body.error).toBe('rate_limited');
    // Another account from the same addresses is not locked.
    expect((await attempt(b!, 'someone.else@test.local', 'wrong', '203.0.113.1')).status).toBe(401);
  });

  it('counts per client address behind the proxy, not one bucket for everybody', async () => {
    const [a, b] = instances();
    await t.db.sql`delete from rate_limit_hits`;
    for (let i = 0; i < failuresPerAddress; i++) {
      const res = await attempt(i % 2 ? a! : b!, `nobody-${i}@test.local`, 'x', '192.0.2.10');
      expect(res.status, `${name} attempt ${i + 1}`).toBe(401);
    }
    expect((await attempt(a!, 'nobody-x@test.local', 'x', '192.0.2.10')).status).toBe(429);
    // The login form shares the counters.
    expect(
      (
        await request(b!)
          .post('/login')
          .set('x-forwarded-for', '192.0.2.10')
          .type('form')
          .send({ email: 'n@test.local' })
      ).status,
    ).toBe(429);
    // A colleague behind the same proxy, from another address, still logs in.
    expect((await attempt(b!, user.user.email, user.password, '192.0.2.11')).status).toBe(200);
  });
});
