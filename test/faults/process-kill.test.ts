import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wireNumber } from '../../scripts/local-telephony.js';
import { testRedisUrl } from '../support/env.js';
import { aProfessional, aService, aShift, aTerritory } from '../support/factories.js';
import { startLiveService, type LiveService } from '../support/live.js';

/**
 * `npm start` as its own process answers a caller who presses 3 while PostgreSQL cannot take the
 * request, then is SIGKILLed before PostgreSQL is back. The promise it made lives in the outbox
 * (Redis), not in its memory: another instance (this test's app, same database and Redis prefix)
 * commits it once the database answers.
 */
const line = '+33261910015';
const prefix = `glkill${Math.floor(Math.random() * 1e6)}`;
let s: LiveService;
let web: ChildProcess;

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });

beforeAll(async () => {
  s = await startLiveService({ queuePrefix: prefix });
  const db = s.db.db;
  const doctors = await aService(db, await aTerritory(db, { number: line }));
  // The child runs on the real clock: a shift around now.
  const tonight = {
    startsAt: new Date(Date.now() - 3600_000),
    endsAt: new Date(Date.now() + 11 * 3600_000),
  };
  await aShift(db, doctors, await aProfessional(db, doctors), { level: 1, ...tonight });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  web = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      LOG_LEVEL: 'silent',
      PORT: String(port),
      PUBLIC_URL: url,
      DATABASE_URL: s.db.url,
      REDIS_URL: testRedisUrl,
      QUEUE_PREFIX: prefix,
      TWILIO_API_URL: s.emulator.url,
      TWILIO_ACCOUNT_SID: s.emulator.accountSid,
      TWILIO_AUTH_TOKEN: s.emulator.authToken,
      RUN_WORKERS: 'false',
    },
    stdio: 'ignore',
  });
  // Up when it answers /healthz (migrations done, server listening).
  for (let tries = 0; ; tries += 1) {
    const status = await fetch(`${url}/healthz`).then(
      (r) => r.status,
      () => 0,
    );
    if (status !== 0) break;
    if (tries > 120) throw new Error('the web process did not start');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  // The number's webhooks now go to the child, as after a deploy.
  wireNumber(s.emulator, url, line);
}, 90_000);
afterAll(async () => {
  if (web.exitCode === null && web.signalCode === null) web.kill('SIGKILL');
  await s.close();
});

describe('the instance that promised a callback is killed', () => {
  it('the request is still stored and the call recorded, by another instance', async () => {
    let release!: () => void;
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const lock = s.db.sql.begin(async (tx) => {
      await tx`lock table call_records, callback_requests in access exclusive mode`;
      locked();
      await new Promise<void>((resolve) => (release = resolve));
    });
    await isLocked;
    const call = await s.emulator.phone('+33612390001').dial(line);
    await call.hears(/tapez 3/);
    await call.press('3');
    await call.hears(/demande de rappel est enregistrée/);
    await call.ended();
    web.kill('SIGKILL');
    await new Promise((resolve) => web.once('exit', resolve));
    release();
    await lock;
    const rows = (query: string) => s.db.sql.unsafe(query);
    await expect
      .poll(() => rows(`select status from callback_requests where call_sid = '${call.sid}'`), {
        timeout: 20_000,
      })
      .toEqual([{ status: 'pending' }]);
    await expect
      .poll(() => rows(`select outcome from call_records where call_sid = '${call.sid}'`), {
        timeout: 20_000,
      })
      .toEqual([{ outcome: 'callback' }]);
    // The caller heard no error; only the status callback in flight at the kill may have failed.
    expect(s.emulator.errors().filter((e) => !e.url.endsWith('/twilio/status'))).toEqual([]);
  }, 60_000);
});
