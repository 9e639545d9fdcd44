import type { CallLeg } from './call-leg.js';

export interface QueueMember {
  leg: CallLeg;
  enqueuedAt: number;
  /** Aborted when an agent's <Dial><Queue> takes this caller. */
  taken: AbortController;
  /** Resolves when the agent's bridge is over. */
  bridged: Promise<void>;
  bridgeOver: () => void;
}

/** A named queue: callers placed by <Enqueue>, taken first-in first-out by <Dial><Queue>. */
export interface CallQueue {
  sid: string;
  name: string;
  members: QueueMember[];
}
