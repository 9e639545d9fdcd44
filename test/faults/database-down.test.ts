import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { breakerTripCount } from '../../server/line/database-breaker.js';
import { deadLetterCount } from '../../server/line/dead-letters.js';
import { startWorkers } from '../../server/workers.js';
import { aProfessional, aService, aShift, aTerritory } from '../support/factories.js';
import { startLiveService, type LiveService } from '../support/live.js';
import { startStallingProxy, type StallingProxy } from '../support/stalling-proxy.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { parseTwiml, signedPost } from '../support/twilio-post.js';

const line = '+33261910015'; // the number startLiveService wires to the app
const night = new Date('2026-11-24T21:00:00Z'); // within the builders' default shift
let proxy: TcpProxy;
// Between the app and PostgreSQL: one proxy cuts (down), the other stalls (hung).
let hang: StallingProxy;
let s: LiveService;
let primary: string;

beforeAll(async () => {
  hang = await startStallingProxy(5432);
  proxy = await startTcpProxy(hang.port);
  s = await startLiveService({
    now: night,
    databaseUrlFor: (url) => url.replace(':5432/', `:${proxy.port}/`),
  });
  const doctors = await aService(s.db.db, await aTerritory(s.db.db, { number: line }));
  const doctor = await aProfessional(s.db.db, doctors);
  await aShift(s.db.db, doctors, doctor, { level: 1 });
  await aShift(s.db.db, doctors, await aProfessional(s.db.db, doctors), { level: 2 });
  primary = doctor.mobile;
});
afterAll(async () => {
  proxy.restore();
  hang.resume();
  await s.close();
  await proxy.close();
  await hang.close();
});

const rows = async (query: string) => (await s.db.sql.unsafe(query)) as Record<string, unknown>[];
const post = (path: string, params: Record<string, string>) =>
  signedPost(s.app, s.url, s.deps.config.TWILIO_AUTH_TOKEN, path, params);

async function callAndConnect(patient: string): Promise<void> {
  const call = await s.emulator.phone(patient).dial(line);
  await call.hears(/vie est en danger/);
  await call.hears(/tapez 1/);
  await call.press('1');
  const ring = await s.emulator.phone(primary).rings();
  await ring.answer();
  await ring.press('1');
  await call.isConnectedTo(primary);
  await call.hangup();
}

describe('PostgreSQL goes away during calls', () => {
  it('callers still reach the on-duty doctor from the last known rota, Twilio never sees an error, no record is lost', async () => {
    await callAndConnect('+33612360001');
    proxy.cut();
    await callAndConnect('+33612360002');
    // A call already in its menu when the database dies also goes through.
    proxy.restore();
    const call = await s.emulator.phone('+33612360003').dial(line);
    await call.hears(/tapez 1/);
    proxy.cut();
    await call.press('1');
    const ring = await s.emulator.phone(primary).rings();
    await ring.answer();
    await ring.press('1');
    await call.isConnectedTo(primary);
    await call.hangup();
    expect(s.emulator.errors()).toEqual([]);

    // The calls made while it was down still get their record once PostgreSQL is back.
    proxy.restore();
    await expect
      .poll(async () => (await s.db.sql`select count(*)::int as n from call_records`)[0]!.n, {
        timeout: 15_000,
      })
      .toBe(3);
    // Each ended as it happened: connected, and closed by its status callback (kept while down).
    await expect
      .poll(
        async () =>
          rows(
            `select outcome, status from call_records where outcome is distinct from 'connected' or status <> 'completed'`,
          ),
        { timeout: 15_000 },
      )
      .toEqual([]);
  }, 40_000);
});

describe('a callback asked for while call_records is locked', () => {
  it('is stored and rung afterwards, since the caller heard it was recorded', async () => {
    const workers = startWorkers(s.deps, ['callbacks']);
    try {
      // Another connection holds call_records for 3 s: every write to it waits, the breaker opens.
      let locked!: () => void;
      const isLocked = new Promise<void>((resolve) => (locked = resolve));
      const lock = s.db.sql.begin(async (tx) => {
        await tx`lock table call_records in access exclusive mode`;
        locked();
        await new Promise((resolve) => setTimeout(resolve, 3000));
      });
      await isLocked;
      const call = await s.emulator.phone('+33612360010').dial(line);
      await call.hears(/tapez 3/);
      await call.press('3');
      await call.ended();
      await lock;
      const said = call.transcript().join(' ');
      // The promise was made (the outbox kept the turn) …
      expect(said).toMatch(/demande de rappel est enregistrée/);
      // … and kept: the request is in PostgreSQL, the doctor on duty is rung for it.
      await expect
        .poll(
          async () => rows(`select status from callback_requests where call_sid = '${call.sid}'`),
          { timeout: 15_000 },
        )
        .toHaveLength(1);
      const ring = await s.emulator.phone(primary).rings({ timeoutMs: 20_000 });
      await ring.decline();
      // The call's record ends as it happened: a callback, not "abandoned".
      await expect
        .poll(async () => rows(`select outcome from call_records where call_sid = '${call.sid}'`), {
          timeout: 15_000,
        })
        .toEqual([{ outcome: 'callback' }]);
      expect(s.emulator.errors()).toEqual([]);
    } finally {
      await workers.close();
    }
  }, 60_000);
});

describe('a poison parameter', () => {
  it('a NUL byte in From: at most one dead letter, and the next 20 calls are recorded', async () => {
    const deadBefore = deadLetterCount();
    const tripsBefore = breakerTripCount();
    const sids = Array.from({ length: 21 }, (_, i) => `CApoison${String(i).padStart(26, '0')}`);
    const from = (i: number) => (i === 0 ? '+336123\u000060020' : `+336123600${20 + i}`);
    for (const [i, sid] of sids.entries()) {
      const answer = await post('/twilio/voice', { CallSid: sid, From: from(i), To: line });
      expect(answer.status).toBe(200);
      expect(parseTwiml(answer.text).map((v) => v.name)).toContain('Gather');
    }
    const list = sids.map((sid) => `'${sid}'`).join(',');
    await expect
      .poll(
        async () =>
          (
            await rows(`select count(*)::int as n from call_records where call_sid in (${list})`)
          )[0]!.n,
        { timeout: 10_000 },
      )
      .toBe(21);
    const [poisoned] = await rows(
      `select from_number from call_records where call_sid = '${sids[0]}'`,
    );
    expect(poisoned!.from_number).toBe('+33612360020');
    expect(deadLetterCount() - deadBefore).toBeLessThanOrEqual(1);
    expect(breakerTripCount()).toBe(tripsBefore);
  }, 30_000);
});

describe('PostgreSQL hangs (connections open, no answer)', () => {
  it('status, callback and voice webhooks still answer within their bound', async () => {
    hang.stall();
    try {
      const timed = async (path: string, params: Record<string, string>) => {
        const started = performance.now();
        const answer = await post(path, params);
        return { answer, ms: performance.now() - started };
      };
      const status = await timed('/twilio/status', {
        CallSid: 'CAhung000000000000000000000000001',
        CallStatus: 'completed',
        CallDuration: '12',
      });
      expect(status.answer.status).toBe(204);
      expect(status.ms).toBeLessThan(4000);

      const ref = 'callback=00000000-0000-4000-8000-000000000001&round=1&contact=0';
      const legEnded = await timed(`/twilio/callback/status?${ref}`, {
        CallSid: 'CAhung000000000000000000000000002',
        CallStatus: 'completed',
      });
      expect(legEnded.answer.status).toBe(204);
      expect(legEnded.ms).toBeLessThan(4000);

      const screen = await timed(`/twilio/callback/screen?${ref}`, {
        CallSid: 'CAhung000000000000000000000000003',
      });
      expect(screen.answer.status).toBe(200);
      expect(screen.answer.type).toBe('text/xml');
      expect(parseTwiml(screen.answer.text).length).toBeGreaterThan(0);
      expect(screen.ms).toBeLessThan(6000);

      const voice = await timed('/twilio/voice', {
        CallSid: 'CAhung000000000000000000000000004',
        From: '+33612360099',
        To: line,
      });
      expect(voice.answer.status).toBe(200);
      expect(parseTwiml(voice.answer.text).length).toBeGreaterThan(0);
      expect(voice.ms).toBeLessThan(10_500);
    } finally {
      hang.resume();
    }
  }, 40_000);
});
