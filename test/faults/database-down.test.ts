import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aProfessional, aService, aShift, aTerritory } from '../support/factories.js';
import { startLiveService, type LiveService } from '../support/live.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';

const line = '+33261910015'; // the number startLiveService wires to the app
const night = new Date('2026-11-24T21:00:00Z'); // within the builders' default shift
let proxy: TcpProxy;
let s: LiveService;
let primary: string;

beforeAll(async () => {
  proxy = await startTcpProxy(5432);
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
  await s.close();
  await proxy.close();
});

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
  }, 30_000);
});
