import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/app.js';

describe('GET /healthz', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers 200 when PostgreSQL and Redis answer', async () => {
    const res = await request(t.app).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', database: 'ok', queue: 'ok' });
  });

  it('answers 503 naming the database when it is down', async () => {
    const broken = await createTestApp();
    await broken.db.drop();
    const res = await request(broken.app).get('/healthz');
    expect(res.status).toBe(503);
    expect(res.body.down).toEqual(['database']);
    await broken.deps.jobs.close();
  });
});
