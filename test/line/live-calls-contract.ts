import { describe, expect, it } from 'vitest';
import type { LiveCallLeases, LiveCalls } from '../../server/line/call-state.js';

export const reach = {
  phone: '+33639980001',
  queue: 'line-1',
  lineNumber: '+33261910015',
  territoryName: "Pays d'Auray",
};

/** Two store objects on the same storage (two instances of the service), with these leases. */
export type MakeStores = (leases?: LiveCallLeases) => Promise<[LiveCalls, LiveCalls]>;

const shortLeases: LiveCallLeases = {
  acceptedMs: 300,
  bridgeMs: 300,
  reachMs: 300,
  endedMs: 300,
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let n = 0;
/** Sids unique to each test: stores on one storage outlive a test. */
const sid = (name: string) => `${name}-${process.pid}-${++n}`;

/**
 * The contract every store of the live-call facts keeps: the same tests run against the
 * in-process store (unit), Redis and PostgreSQL (integration).
 */
export function liveCallsContract(name: string, make: MakeStores, shared = true): void {
  describe(`live-call facts: ${name}`, () => {
    it('remembers which ring of which call was accepted', async () => {
      const [live] = await make();
      const call = sid('CA');
      await live.accept(call, 1);
      expect(await live.wasAccepted(call, 1)).toBe(true);
      expect(await live.wasAccepted(call, 0)).toBe(false);
      expect(await live.wasAccepted(sid('CA'), 1)).toBe(false);
    });

    it('a bridged professional is busy until the call ends, then reachable for the next caller', async () => {
      const [live] = await make();
      const [p1, p2, call] = [sid('p'), sid('p'), sid('CA')];
      expect(await live.bridge({ professionalId: p1, callSid: call, legSid: null }, reach)).toBe(
        true,
      );
      expect(await live.isBusy(p1)).toBe(true);
      expect(await live.isBusy(p2)).toBe(false);
      expect(await live.isBusy(null)).toBe(false);
      expect(await live.callEnded(sid('CA'))).toEqual([]);
      expect(await live.callEnded(call)).toEqual([p1]);
      expect(await live.callEnded(call)).toEqual([]);
      expect(await live.isBusy(p1)).toBe(false);
      expect(await live.reachOf(p1)).toEqual(reach);
    });

    it("the end of the professional's own leg frees them too", async () => {
      const [live] = await make();
      const [p1, call, leg] = [sid('p'), sid('CA'), sid('CAleg')];
      await live.bridge({ professionalId: p1, callSid: call, legSid: leg }, null);
      expect(await live.callEnded(leg)).toEqual([p1]);
      expect(await live.isBusy(p1)).toBe(false);
    });

    it('a call that has ended bridges nobody (a late Dial action or keypress)', async () => {
      const [live] = await make();
      const [p1, call] = [sid('p'), sid('CA')];
      await live.callEnded(call);
      expect(await live.bridge({ professionalId: p1, callSid: call, legSid: null }, reach)).toBe(
        false,
      );
      expect(await live.isBusy(p1)).toBe(false);
    });

    it('a second bridge of the same professional to another call is refused; the same call is not', async () => {
      const [live] = await make();
      const [p1, first, second] = [sid('p'), sid('CA'), sid('CA')];
      expect(await live.bridge({ professionalId: p1, callSid: first, legSid: null }, null)).toBe(
        true,
      );
      expect(await live.bridge({ professionalId: p1, callSid: second, legSid: null }, null)).toBe(
        false,
      );
      expect(await live.bridge({ professionalId: p1, callSid: first, legSid: 'x' }, null)).toBe(
        true,
      );
      expect((await live.bridges()).filter((b) => b.professionalId === p1)).toMatchObject([
        { callSid: first },
      ]);
    });

    if (!shared) return;

    it("two instances see each other's facts", async () => {
      const [a, b] = await make();
      const [p1, call] = [sid('p'), sid('CA')];
      await a.accept(call, 0);
      await a.bridge({ professionalId: p1, callSid: call, legSid: null }, reach);
      expect(await b.wasAccepted(call, 0)).toBe(true);
      expect(await b.isBusy(p1)).toBe(true);
      expect(await b.bridge({ professionalId: p1, callSid: sid('CA'), legSid: null }, null)).toBe(
        false,
      );
      expect(await b.callEnded(call)).toEqual([p1]);
      expect(await a.isBusy(p1)).toBe(false);
      expect(await a.reachOf(p1)).toEqual(reach);
    });

    it('two instances claiming one professional at once: exactly one wins', async () => {
      const [a, b] = await make();
      const p1 = sid('p');
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          (i % 2 ? a : b).bridge({ professionalId: p1, callSid: sid('CA'), legSid: null }, null),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('facts expire: a lost status callback does not keep a doctor busy forever', async () => {
      const [a, b] = await make(shortLeases);
      const [p1, call] = [sid('p'), sid('CA')];
      await a.accept(call, 0);
      await a.bridge({ professionalId: p1, callSid: call, legSid: null }, reach);
      expect(await b.isBusy(p1)).toBe(true);
      await sleep(500);
      await b.sweep();
      expect(await b.wasAccepted(call, 0)).toBe(false);
      expect(await b.isBusy(p1)).toBe(false);
      expect(await b.reachOf(p1)).toBeNull();
      expect((await b.bridges()).some((x) => x.professionalId === p1)).toBe(false);
      expect(await b.bridge({ professionalId: p1, callSid: sid('CA'), legSid: null }, null)).toBe(
        true,
      );
    });
  });
}
