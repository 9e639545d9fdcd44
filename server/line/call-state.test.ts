import { describe, expect, it } from 'vitest';
import { MemoryLiveCalls, type LiveCalls } from './call-state.js';

const now = new Date('2026-11-24T21:00:00Z');
const reach = {
  phone: '+33639980001',
  queue: 'line-1',
  lineNumber: '+33261910015',
  territoryName: "Pays d'Auray",
};

// Every implementation of the live-call facts keeps the same contract: a shared one (Redis)
// joins this table.
describe.each<[string, () => LiveCalls]>([['in memory', () => new MemoryLiveCalls()]])(
  'live-call facts %s',
  (_name, make) => {
    it('remembers which ring of which call was accepted', async () => {
      const live = make();
      await live.accept('CA1', 1, now);
      expect(await live.wasAccepted('CA1', 1)).toBe(true);
      expect(await live.wasAccepted('CA1', 0)).toBe(false);
      expect(await live.wasAccepted('CA2', 1)).toBe(false);
    });

    it('a bridged professional is busy until the call ends, then reachable for the next caller', async () => {
      const live = make();
      await live.bridge('p1', 'CA1', reach);
      expect(await live.isBusy('p1')).toBe(true);
      expect(await live.isBusy('p2')).toBe(false);
      expect(await live.isBusy(null)).toBe(false);
      expect(await live.callEnded('CA2', now)).toEqual([]);
      expect(await live.callEnded('CA1', now)).toEqual(['p1']);
      expect(await live.isBusy('p1')).toBe(false);
      expect(await live.reachOf('p1')).toEqual(reach);
    });

    it('a call that has ended bridges nobody (a late Dial action)', async () => {
      const live = make();
      await live.callEnded('CA1', now);
      await live.bridge('p1', 'CA1', reach);
      expect(await live.isBusy('p1')).toBe(false);
    });

    it('callers hold in order, and leave the queue when they go or their call ends', async () => {
      const live = make();
      await live.hold('line-1', 'CA1');
      await live.hold('line-1', 'CA2');
      await live.hold('line-2', 'CA3');
      expect(await live.nextHolding('line-1')).toBe('CA1');
      await live.unhold('CA1');
      expect(await live.nextHolding('line-1')).toBe('CA2');
      await live.callEnded('CA2', now);
      expect(await live.nextHolding('line-1')).toBeNull();
      expect(await live.nextHolding('line-2')).toBe('CA3');
    });
  },
);
