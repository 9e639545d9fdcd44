export interface Bridge {
  phone: string;
  queue: string;
  lineNumber: string;
  territoryName: string;
}

/**
 * In-memory facts about live calls that must survive a database outage for the few minutes a
 * call lasts: which rings were accepted by a keypress, and who is bridged to a patient now.
 * One process serves a territory's calls; with several, put these in Redis.
 */
export class CallBoards {
  private readonly accepted = new Map<string, number>();
  /** professionalId → the patient call they are bridged to, and where to reach them after it. */
  private readonly bridged = new Map<string, string>();
  private readonly reachable = new Map<string, Bridge>();
  /** queue → patient calls holding in it, oldest first. */
  private readonly holding = new Map<string, Set<string>>();
  private readonly ttlMs = 2 * 3600_000;

  markAccepted(callSid: string, attempt: number, now: Date): void {
    this.accepted.set(`${callSid}/${attempt}`, now.getTime());
    this.prune(now);
  }

  wasAccepted(callSid: string, attempt: number): boolean {
    return this.accepted.has(`${callSid}/${attempt}`);
  }

  /** Calls already over: a late Dial action (Twilio posts it after a hang-up) must not mark anyone busy. */
  private readonly ended = new Map<string, number>();

  markBridged(professionalId: string, callSid: string, bridge?: Bridge): void {
    if (this.ended.has(callSid)) return;
    this.bridged.set(professionalId, callSid);
    if (bridge) this.reachable.set(professionalId, bridge);
  }

  hold(queue: string, callSid: string): void {
    if (!this.holding.has(queue)) this.holding.set(queue, new Set());
    this.holding.get(queue)!.add(callSid);
  }

  unhold(callSid: string): void {
    for (const calls of this.holding.values()) calls.delete(callSid);
  }

  /** The oldest call holding in a queue, if any. */
  nextHolding(queue: string): string | null {
    return this.holding.get(queue)?.values().next().value ?? null;
  }

  /** Where a freed professional can be reached, and for which queue. */
  bridgeOf(professionalId: string): Bridge | null {
    return this.reachable.get(professionalId) ?? null;
  }

  isBusy(professionalId: string | null | undefined): boolean {
    return professionalId ? this.bridged.has(professionalId) : false;
  }

  /** The patient call ended: whoever was bridged to it is free again. Returns who. */
  callEnded(callSid: string, now: Date = new Date(0)): string[] {
    this.ended.set(callSid, now.getTime());
    this.unhold(callSid);
    if (this.ended.size > 10_000) this.ended.delete(this.ended.keys().next().value!);
    const freed: string[] = [];
    for (const [professionalId, sid] of this.bridged) {
      if (sid === callSid) {
        this.bridged.delete(professionalId);
        freed.push(professionalId);
      }
    }
    return freed;
  }

  private prune(now: Date): void {
    if (this.accepted.size < 10_000) return;
    for (const [key, at] of this.accepted)
      if (now.getTime() - at > this.ttlMs) this.accepted.delete(key);
  }
}
