import { describe, expect, it } from 'vitest';
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
  it('no call waits longer than the bound, and after one failure none waits at all', async () => {
    const live = new LiveCallsWithFallback(hanging, new MemoryLiveCalls(), { timeoutMs: 200 });
    let started = performance.now();
    expect(await live.isBusy('p1')).toBe(false);
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    expect(performance.now() - started).toBeLessThan(1000);
    started = performance.now();
    // The instance keeps its own facts meanwhile: the Dial action still learns of the keypress.
    await live.accept('CA1', 0);
    expect(await live.bridge({ professionalId: 'p1', callSid: 'CA1', legSid: null }, null)).toBe(
      true,
    );
    expect(await live.wasAccepted('CA1', 0)).toBe(true);
    expect(await live.isBusy('p1')).toBe(true);
    expect(await live.bridge({ professionalId: 'p1', callSid: 'CA2', legSid: null }, null)).toBe(
      false,
    );
    expect(await live.callEnded('CA1')).toEqual(['p1']);
    expect(performance.now() - started).toBeLessThan(100);
  });
});
