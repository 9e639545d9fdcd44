import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../db/seed/seed-demo.js';
import { doctorContacts } from '../../server/line/contacts.js';
import { reconcileLiveCalls } from '../../server/line/live-call-reconciler.js';
import { loadLineContext } from '../../server/line/line-context.js';
import { startLiveService, type LiveService } from '../support/live.js';

const line = '+33261910015';
const night = new Date('2026-11-24T21:00:00Z');
let s: LiveService;

beforeAll(async () => {
  s = await startLiveService({ now: night, numbers: [] });
  await seedDemo(s.db.db, night);
  // The number's status callbacks are lost: only the reconciler can free a bridge.
  s.emulator.incomingNumber(line, { voiceUrl: `${s.url}/twilio/voice` });
});
afterAll(() => s.close());

describe('the live-call reconciler', () => {
  it('frees the leases of calls Twilio reports over or does not know, and only those', async () => {
    const live = s.deps.live!;
    const unknown = 'CA' + 'f'.repeat(32);
    await live.bridge({ professionalId: 'p-unknown', callSid: unknown, legSid: null }, null);
    const call = await s.emulator.phone('+33612000301').dial(line);
    await call.hears(/tapez 1/i);
    await live.bridge({ professionalId: 'p-live', callSid: call.sid, legSid: null }, null);

    expect(await reconcileLiveCalls(s.deps, live, 0)).toEqual(['p-unknown']);
    expect(await live.isBusy('p-live')).toBe(true);
    // A bridge younger than the grace period is left alone, whatever Twilio says.
    await call.hangup();
    expect(await reconcileLiveCalls(s.deps, live, 60_000)).toEqual([]);
    expect(await live.isBusy('p-live')).toBe(true);
    expect(await reconcileLiveCalls(s.deps, live, 0)).toEqual(['p-live']);
    expect(await live.isBusy('p-live')).toBe(false);
  });
});

describe("the professional's own leg", () => {
  it("reports its end: with the patient's status callback lost, the doctor is still freed", async () => {
    const [primary] = doctorContacts((await loadLineContext(s.db.db, line, night))!, night);
    const call = await s.emulator.phone('+33612000302').dial(line);
    await call.hears(/tapez 1/i);
    await call.press('1');
    const ring = await s.emulator.phone(primary!.phone).rings();
    await ring.answer();
    await ring.press('1');
    await call.isConnectedTo(primary!.phone);
    expect(await s.deps.live!.isBusy(primary!.professionalId)).toBe(true);
    await ring.hangup();
    await call.ended();
    await expect.poll(() => s.deps.live!.isBusy(primary!.professionalId)).toBe(false);
  });
});
