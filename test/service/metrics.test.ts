import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callEvents, callbackRequests } from '../../db/schema/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { aService, aTerritory, type Territory } from '../support/factories.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { signedPost } from '../support/twilio-post.js';

const token = 'metrics-token-for-the-test-0123456789';
let proxy: TcpProxy;
let t: TestApp;
let territory: Territory;
beforeAll(async () => {
  proxy = await startTcpProxy(5432);
  t = await createTestApp({
    env: { METRICS_TOKEN: token },
    databaseUrlFor: (url) => url.replace(':5432/', `:${proxy.port}/`),
  });
  territory = await aTerritory(t.db.db);
  await aService(t.db.db, territory);
});
afterAll(async () => {
  proxy.restore();
  await t.close();
  await proxy.close();
});

/** The scraped value of one series (labels written exactly as prom-client orders them), or null. */
async function scrape(): Promise<(series: string) => number | null> {
  const res = await request(t.app).get('/metrics');
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  const values = new Map<string, number>();
  for (const line of res.text.split('\n')) {
    const match = /^(\S+) (\S+)$/.exec(line);
    if (match && !line.startsWith('#')) values.set(match[1]!, Number(match[2]));
  }
  return (series) => values.get(series) ?? null;
}

const voice = (callSid: string) =>
  signedPost(t.app, t.deps.publicUrl, t.deps.config.TWILIO_AUTH_TOKEN, '/twilio/voice', {
    CallSid: callSid,
    From: '+33612000002',
    To: territory.number,
    CallStatus: 'ringing',
  });

describe('GET /metrics', () => {
  it('moves with a call, a ring, a pending callback and a queued job', async () => {
    const before = await scrape();
    expect(before('gardeline_calls_24h{outcome="in_progress"}')).toBeNull();
    expect(before('gardeline_callback_backlog')).toBe(0);
    expect(before('gardeline_callback_oldest_pending_age_seconds')).toBe(0);
    expect(before('gardeline_database_breaker_open')).toBe(0);
    expect(before('gardeline_queue_jobs{queue="callbacks",state="delayed"}')).toBe(0);

    const callSid = 'CA00000000000000000000000000000042';
    expect((await voice(callSid)).status).toBe(200);
    const now = t.deps.now();
    await t.db.db.insert(callEvents).values([
      { callSid, at: now, kind: 'ring' },
      { callSid, at: now, kind: 'ring' },
      { callSid, at: now, kind: 'accepted' },
    ]);
    await t.db.db.insert(callbackRequests).values({
      territoryId: territory.id,
      patientNumber: '+33612000003',
      reason: 'caller_asked',
      createdAt: new Date(now.getTime() - 120_000),
      dueBy: new Date(now.getTime() + 3600_000),
    });
    await t.deps.jobs.queues.callbacks.add('probe', {}, { delay: 60_000 });

    // The call opening is written in a batch right after the answer.
    await expect
      .poll(async () => (await scrape())('gardeline_calls_24h{outcome="in_progress"}'))
      .toBe(1);
    const after = await scrape();
    expect(
      after('gardeline_webhook_duration_seconds_count{route="/twilio/voice",status="200"}'),
    ).toBe(1);
    expect(after('gardeline_rings_24h')).toBe(2);
    expect(after('gardeline_acceptances_24h')).toBe(1);
    expect(after('gardeline_callback_backlog')).toBe(1);
    expect(after('gardeline_callback_oldest_pending_age_seconds')).toBeGreaterThanOrEqual(120);
    expect(after('gardeline_queue_jobs{queue="callbacks",state="delayed"}')).toBe(1);
    // Labels are route patterns, never URLs with their query or call data.
    const text = (await request(t.app).get('/metrics')).text;
    expect(text).not.toContain(callSid);
  });

  it('PostgreSQL down: the breaker shows open and the database figures are unknown, not zero', async () => {
    proxy.cut();
    try {
      expect((await voice('CA00000000000000000000000000000043')).status).toBe(200);
      const down = await scrape();
      expect(down('gardeline_database_breaker_open')).toBe(1);
      expect(down('gardeline_callback_backlog')).toBeNaN();
      expect(down('gardeline_calls_24h{outcome="in_progress"}')).toBeNull();
    } finally {
      proxy.restore();
    }
  });

  it('is not public: a request relayed by a proxy needs the bearer token', async () => {
    const relayed = () => request(t.app).get('/metrics').set('X-Forwarded-For', '203.0.113.9');
    expect((await relayed()).status).toBe(404);
    expect((await relayed().set('Authorization', 'Bearer not-the-token')).status).toBe(404);
    const scraped = await relayed().set('Authorization', `Bearer ${token}`);
    expect(scraped.status).toBe(200);
    expect(scraped.text).toContain('gardeline_webhook_duration_seconds');
  });
});
