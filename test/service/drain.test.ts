import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { testRedisUrl } from '../support/env.js';

/**
 * A rolling deploy sends SIGTERM to an instance while Twilio is in the middle of a webhook: the
 * webhook must still be answered, new connections go elsewhere, and the process is gone within
 * 10 s. The service runs as in production: its own process, PostgreSQL and Redis by URL.
 */
const authToken = 'drain-test-auth-token';
let db: TestDatabase;
let child: ChildProcess | null = null;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await db.drop();
});

async function startInstance(
  port: number,
): Promise<{ output: () => string; exited: Promise<number | null> }> {
  child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: String(port),
      DATABASE_URL: db.url,
      REDIS_URL: testRedisUrl,
      QUEUE_PREFIX: `gltest-${randomBytes(4).toString('hex')}`,
      TWILIO_API_URL: 'http://127.0.0.1:9',
      TWILIO_AUTH_TOKEN: authToken,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) =>
    child!.on('exit', (code) => resolve(code)),
  );
  const deadline = Date.now() + 60_000;
  while (!output.includes('gardeline is up') && Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`start exited early:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  if (!output.includes('gardeline is up')) throw new Error(`no start within 60 s:\n${output}`);
  return { output: () => output, exited };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('SIGTERM drains', () => {
  it('an in-flight webhook is answered, the listener closes at once, the process exits 0 within 10 s', async () => {
    const port = 3900 + Math.floor(Math.random() * 500);
    const instance = await startInstance(port);
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);

    // A signed webhook whose body arrives slowly: in flight when SIGTERM lands.
    const path = '/twilio/fallback';
    const params = { CallSid: 'CA00000000000000000000000000000077', To: '+33261910099' };
    const body = new URLSearchParams(params).toString();
    const signature = twilio.getExpectedTwilioSignature(
      authToken,
      `http://127.0.0.1:${port}${path}`,
      params,
    );
    const socket = connect(port, '127.0.0.1');
    let response = '';
    socket.on('data', (d) => (response += d));
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write(
      `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: keep-alive\r\n` +
        `Content-Type: application/x-www-form-urlencoded\r\nX-Twilio-Signature: ${signature}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 10)}`,
    );
    await sleep(300);

    const termAt = Date.now();
    child!.kill('SIGTERM');
    // New connections are refused at once: the proxy sends the next calls to another instance.
    await expect
      .poll(
        () =>
          fetch(`http://127.0.0.1:${port}/readyz`).then(
            (r) => `status ${r.status}`,
            () => 'refused',
          ),
        { timeout: 2000, interval: 100 },
      )
      .toBe('refused');
    await sleep(1500);
    socket.write(body.slice(10));
    await closed;
    expect(response).toMatch(/^HTTP\/1\.1 200 /);
    expect(response).toMatch(/\r\nconnection: close\r\n/i);
    expect(response).toContain('<Response>');

    const code = await instance.exited;
    expect(Date.now() - termAt).toBeLessThan(10_000);
    expect(code, instance.output()).toBe(0);
  }, 90_000);
});
