import { afterEach, describe, expect, it, vi } from 'vitest';
import { liveCallsContract } from '../../test/line/live-calls-contract.js';
import { MemoryLiveCalls, type LiveCalls } from './call-state.js';
import { LiveCallsWithFallback } from './call-state-fallback.js';

/** A shared store that hangs: every call waits forever (Redis or PostgreSQL not answering). */
const hanging = new Proxy({} as LiveCalls, {
  get: (_, name) => (name === 'close' ? async () => {} : () => new Promise(() => {})),
});

// Healthy, the wrapper keeps the shared store's contract.
liveCallsContract('behind the fallback', async (leases) => {
  const shared = new MemoryLiveCalls(leases);
  return [
    new LiveCallsWithFallback(shared, new MemoryLiveCalls(leases)),
    new LiveCallsWithFallback(shared, new MemoryLiveCalls(leases)),
  ];
});

describe('the shared store hangs', () => {
  it('no call waits longer than the bound, and after one failure only claims wait at all', async () => {
    const live = new LiveCallsWithFallback(hanging, new MemoryLiveCalls(), { timeoutMs: 200 });
    let started = performance.now();
    expect(await live.isBusy('p1')).toBe(false);
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    expect(performance.now() - started).toBeLessThan(1000);
    // A claim always asks the shared store (see bridge), within the bound; then it is kept here.
    started = performance.now();
    expect(await live.bridge({ professionalId: 'p1', callSid: 'CA1', legSid: null }, null)).toBe(
      true,
    );
    expect(await live.bridge({ professionalId: 'p1', callSid: 'CA2', legSid: null }, null)).toBe(
      false,
    );
    expect(performance.now() - started).toBeLessThan(1000);
    started = performance.now();
    // The instance keeps its own facts meanwhile: the Dial action still learns of the keypress.
    await live.accept('CA1', 0);
    expect(await live.wasAccepted('CA1', 0)).toBe(true);
    expect(await live.isBusy('p1')).toBe(true);
    expect(await live.callEnded('CA1')).toEqual(['p1']);
    expect(performance.now() - started).toBeLessThan(100);
  });
});

/** One shared store that hangs while `hung.now` is set, then answers again (a Redis blip). */
function flaky() {
  const store = new MemoryLiveCalls();
  const hung = { now: false };
  const shared = new Proxy(store, {
    get: (target, name) => {
      const member = Reflect.get(target, name) as unknown;
      if (typeof member !== 'function') return member;
      return (...args: unknown[]) =>
        hung.now && name !== 'close'
          ? new Promise(() => {})
          : (member as (...a: unknown[]) => unknown).apply(target, args);
    },
  });
  return { shared, hung };
}

describe('the shared store blips', () => {
  afterEach(() => vi.useRealTimers());
  const d = { professionalId: 'D', legSid: null };

  it('a claim during the cool-down still asks the shared store: one doctor is never bridged to two patients', async () => {
    const { shared, hung } = flaky();
    const a = new LiveCallsWithFallback(shared, undefined, { timeoutMs: 100, coolDownMs: 60_000 });
    const b = new LiveCallsWithFallback(shared, undefined, { timeoutMs: 100 });
    hung.now = true;
    expect(await a.isBusy('X')).toBe(false); // marks the shared store down on A
    hung.now = false;
    expect(await b.bridge({ ...d, callSid: 'P2' }, null)).toBe(true);
    expect(await a.bridge({ ...d, callSid: 'P1' }, null)).toBe(false);
  });

  it('a claim kept locally while the store hung lasts minutes, not the two-hour lease', async () => {
    const { shared, hung } = flaky();
    const a = new LiveCallsWithFallback(shared, undefined, { timeoutMs: 100 });
    hung.now = true;
    expect(await a.bridge({ ...d, callSid: 'P1' }, null)).toBe(true);
    hung.now = false;
    expect(await a.isBusy('D')).toBe(true);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 3 * 60_000);
    expect(await a.isBusy('D')).toBe(false);
  });

  it('sweep survives the shared store failing (the reconciler goes on)', async () => {
    const live = new LiveCallsWithFallback(hanging, new MemoryLiveCalls(), { timeoutMs: 50 });
    await expect(live.sweep()).resolves.toBeUndefined();
  });
});
