import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../server/app.js';
import { createTestApp, type TestApp } from './support/app.js';
import { aService, aTerritory } from './support/factories.js';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy.js';
import { signedPost } from './support/twilio-post.js';

/**
 * /healthz says the process is alive, /readyz whether a proxy may send it calls. The app reaches
 * PostgreSQL through a proxy the test cuts: a real outage, other test files unaffected.
 */
let proxy: TcpProxy;
let t: TestApp;
beforeAll(async () => {
  proxy = await startTcpProxy(5432);
  t = await createTestApp({
    databaseUrlFor: (url) => url.replace(':5432/', `:${proxy.port}/`),
  });
});
afterAll(async () => {
  proxy.restore();
  await t.close();
  await proxy.close();
});

describe('GET /healthz and /readyz', () => {
  it('both answer 200 when PostgreSQL and Redis answer', async () => {
    const health = await request(t.app).get('/healthz');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'alive' });
    const ready = await request(t.app).get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ready', database: 'ok', queue: 'ok' });
  });

  it('PostgreSQL down and no rota snapshot: alive (200) but not ready (503)', async () => {
    proxy.cut();
    try {
      expect((await request(t.app).get('/healthz')).status).toBe(200);
      const ready = await request(t.app).get('/readyz');
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({
        status: 'unavailable',
        database: 'down',
        rotaSnapshots: 0,
      });
    } finally {
      proxy.restore();
    }
  });

  it('PostgreSQL down after a call loaded its line: still ready, it routes from the snapshot', async () => {
    const territory = await aTerritory(t.db.db);
    await aService(t.db.db, territory);
    const voice = await signedPost(
      t.app,
      t.deps.publicUrl,
      t.deps.config.TWILIO_AUTH_TOKEN,
      '/twilio/voice',
      {
        CallSid: 'CA00000000000000000000000000000001',
        From: '+33612000001',
        To: territory.number,
        CallStatus: 'ringing',
      },
    );
    expect(voice.status).toBe(200);
    proxy.cut();
    try {
      const ready = await request(t.app).get('/readyz');
      expect(ready.status).toBe(200);
      expect(ready.body).toMatchObject({ status: 'ready', database: 'down', rotaSnapshots: 1 });
    } finally {
      proxy.restore();
    }
  });

  it('draining (SIGTERM): /readyz answers 503 at once and every response closes its connection', async () => {
    const lifecycle = { draining: false };
    const app = createApp(t.deps, { lifecycle });
    expect((await request(app).get('/readyz')).status).toBe(200);
    lifecycle.draining = true;
    const ready = await request(app).get('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body).toEqual({ status: 'draining' });
    expect(ready.headers.connection).toBe('close');
    const health = await request(app).get('/healthz');
    expect(health.status).toBe(200);
    expect(health.headers.connection).toBe('close');
  });
});
