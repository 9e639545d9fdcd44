/**
 * The state of a live call, in one module. It lives in three places:
 * - the webhook URLs (ivr-flows/call-url.ts, re-exported below): language, re-prompts, which
 *   contact is being rung and who they are, which patient call a screening leg belongs to;
 * - Twilio itself: who is holding in a queue, in which order, for how long (hold-queue.ts asks);
 * - the live-call facts below (`LiveCalls`), on shared storage so that any instance answers any
 *   webhook of any call: which rings were accepted by a keypress, who is bridged to whom and where
 *   to reach them afterwards, which calls ended. Every fact has a lease and expires.
 *
 * Stores: `RedisLiveCalls` (production, the queues' Redis), `PostgresLiveCalls` (the embedded
 * default, which has no Redis), chosen from the config by live-calls-store.ts. `MemoryLiveCalls`
 * is for unit tests only.
 */
export { parseVoiceUrl, queueOfferPath, type VoiceUrl } from '../../ivr-flows/call-url.js';

/** Where a professional can be reached once their call ends, and which queue they serve. */
export interface Reach {
  phone: string;
  queue: string;
  lineNumber: string;
  territoryName: string;
}

/** A professional bridged to a patient call: the claim that keeps them from being rung again. */
export interface Bridge {
  professionalId: string;
  /** The patient's call. */
  callSid: string;
  /** The professional's own leg (screening leg or queue-offer call), when known. */
  legSid: string | null;
  /** When the claim was made (epoch ms). */
  since: number;
}

/** How long each fact lives unless cleared (ms). */
export interface LiveCallLeases {
  /** A keypress acceptance: read by the Dial action seconds later. */
  acceptedMs: number;
  /** A bridge: longer than any consultation by phone; the reconciler frees lost ones sooner. */
  bridgeMs: number;
  /** Where to reach a professional for the next holding caller: their shift at most. */
  reachMs: number;
  /** An ended call: a late Dial action or keypress must not bridge anyone to it. */
  endedMs: number;
}

export const defaultLeases: LiveCallLeases = {
  acceptedMs: 2 * 3600_000,
  bridgeMs: 2 * 3600_000,
  reachMs: 14 * 3600_000,
  endedMs: 2 * 3600_000,
};

/** The live-call facts every webhook of a call may need, whichever instance answers it. */
export interface LiveCalls {
  /** The screening leg's keypress: this ring of this call was accepted. */
  accept(callSid: string, attempt: number): Promise<void>;
  wasAccepted(callSid: string, attempt: number): Promise<boolean>;
  /**
   * Claims the professional for this patient call, atomically: true when bridged (or already
   * bridged to this same call), false when they are bridged to another call or this call has
   * ended (a late webhook must not make anyone busy). `reach` says where to offer them the next
   * caller once free.
   */
  bridge(claim: Omit<Bridge, 'since'>, reach: Reach | null): Promise<boolean>;
  isBusy(professionalId: string | null | undefined): Promise<boolean>;
  reachOf(professionalId: string): Promise<Reach | null>;
  /**
   * A call ended: the patient's call or a professional's leg (either status callback). Whoever was
   * bridged through it is free again; returns who, each once across every instance.
   */
  callEnded(callSid: string): Promise<string[]>;
  /** Every bridge still leased, for the reconciler to check against Twilio. */
  bridges(): Promise<Bridge[]>;
  /** Drops what has expired (stores that do not expire by themselves). */
  sweep(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The live-call facts of one process: for unit tests, and as the stand-in while the shared store
 * is unreachable (call-state-fallback.ts). Never the store itself: a crash would lose them.
 */
export class MemoryLiveCalls implements LiveCalls {
  private readonly facts = new Map<string, { value: unknown; until: number }>();

  constructor(private readonly leases: LiveCallLeases = defaultLeases) {}

  private put(key: string, value: unknown, ms: number): void {
    // Bounded: as a stand-in for the shared store it sees every call of a busy instance.
    if (this.facts.size >= 20_000) void this.sweep();
    this.facts.set(key, { value, until: Date.now() + ms });
  }

  private get<T>(key: string): T | undefined {
    const fact = this.facts.get(key);
    if (!fact) return undefined;
    if (fact.until > Date.now()) return fact.value as T;
    this.facts.delete(key);
    return undefined;
  }

  async accept(callSid: string, attempt: number): Promise<void> {
    this.put(`accepted/${callSid}/${attempt}`, true, this.leases.acceptedMs);
  }

  async wasAccepted(callSid: string, attempt: number): Promise<boolean> {
    return this.get(`accepted/${callSid}/${attempt}`) === true;
  }

  async bridge(claim: Omit<Bridge, 'since'>, reach: Reach | null): Promise<boolean> {
    if (this.get(`ended/${claim.callSid}`)) return false;
    const current = this.get<Bridge>(`bridge/${claim.professionalId}`);
    if (current && current.callSid !== claim.callSid) return false;
    this.put(
      `bridge/${claim.professionalId}`,
      { ...claim, since: Date.now() },
      this.leases.bridgeMs,
    );
    if (reach) this.put(`reach/${claim.professionalId}`, reach, this.leases.reachMs);
    return true;
  }

  async isBusy(professionalId: string | null | undefined): Promise<boolean> {
    return professionalId ? this.get(`bridge/${professionalId}`) !== undefined : false;
  }

  async reachOf(professionalId: string): Promise<Reach | null> {
    return this.get<Reach>(`reach/${professionalId}`) ?? null;
  }

  async callEnded(callSid: string): Promise<string[]> {
    this.put(`ended/${callSid}`, true, this.leases.endedMs);
    const freed: string[] = [];
    for (const bridge of await this.bridges()) {
      if (bridge.callSid === callSid || bridge.legSid === callSid) {
        this.facts.delete(`bridge/${bridge.professionalId}`);
        freed.push(bridge.professionalId);
      }
    }
    return freed;
  }

  async bridges(): Promise<Bridge[]> {
    return [...this.facts.keys()]
      .filter((key) => key.startsWith('bridge/'))
      .map((key) => this.get<Bridge>(key))
      .filter((bridge): bridge is Bridge => bridge !== undefined);
  }

  async sweep(): Promise<void> {
    for (const key of [...this.facts.keys()]) this.get(key);
  }

  async close(): Promise<void> {}
}
