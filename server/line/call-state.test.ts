import { liveCallsContract } from '../../test/line/live-calls-contract.js';
import { MemoryLiveCalls } from './call-state.js';

// The in-process store keeps the same contract as the shared ones (test/line/), except sharing.
liveCallsContract(
  'in memory',
  async (leases) => {
    const live = new MemoryLiveCalls(leases);
    return [live, live];
  },
  true,
);
