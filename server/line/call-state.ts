/**
 * The state of a live call, in one module. It lives in two places:
 * - the webhook URLs (ivr-flows/call-url.ts, re-exported below): language, re-prompts, which
 *   contact is being rung, which patient call a screening leg belongs to; any instance reads it;
 * - the live-call facts below (`LiveCalls`): which rings were accepted by a keypress, who is
 *   bridged to whom and where to reach them afterwards, who is holding, which calls ended.
 *
 * `LiveCalls` is asynchronous so that it can move to shared storage (Redis) without touching its
 * callers; `MemoryLiveCalls` keeps the facts in this process, for one instance.
 */
export { parseVoiceUrl, queueOfferPath, type VoiceUrl } from '../../ivr-flows/call-url.js';

/** Where a professional can be reached once their call ends, and which queue they serve. */
export interface Reach {
  phone: string;
  queue: string;
  lineNumber: string;
  territoryName: string;
}

/** The live-call facts every webhook of a call may need, whichever instance answers it. */
export interface LiveCalls {
  /** The screening leg's keypress: this ring of this call was accepted. */
  accept(callSid: string, attempt: number, now: Date): Promise<void>;
  wasAccepted(callSid: string, attempt: number): Promise<boolean>;
  /**
   * The professional is now bridged to this patient call (ignored once the call has ended: a
   * late webhook must not make anyone busy). `reach` says where to offer them the next caller.
   */
  bridge(professionalId: string, callSid: string, reach: Reach | null): Promise<void>;
  isBusy(professionalId: string | null | undefined): Promise<boolean>;
  reachOf(professionalId: string): Promise<Reach | null>;
  hold(queue: string, callSid: string): Promise<void>;
  unhold(callSid: string): Promise<void>;
  /** The oldest call holding in a queue, if any. */
  nextHolding(queue: string): Promise<string | null>;
  /** The patient call ended: whoever was bridged to it is free again. Returns who. */
  callEnded(callSid: string, now: Date): Promise<string[]>;
}

/** The live-call facts of one process (one instance serves the line). */
export class MemoryLiveCalls implements LiveCalls {
  private readonly accepted = new Map<string, number>();
  /** professionalId → the patient call they are bridged to. */
  private readonly bridged = new Map<string, string>();
  private readonly reach = new Map<string, Reach>();
  /** queue → patient calls holding in it, oldest first. */
  private readonly holding = new Map<string, Set<string>>();
  /** Calls already over: a late Dial action (Twilio posts it after a hang-up) must not bridge. */
  private readonly ended = new Map<string, number>();
  private readonly ttlMs = 2 * 3600_000;

  async accept(callSid: string, attempt: number, now: Date): Promise<void> {
    this.accepted.set(`${callSid}/${attempt}`, now.getTime());
    this.prune(now);
  }

  async wasAccepted(callSid: string, attempt: number): Promise<boolean> {
    return this.accepted.has(`${callSid}/${attempt}`);
  }

  async bridge(professionalId: string, callSid: string, reach: Reach | null): Promise<void> {
    if (this.ended.has(callSid)) return;
    this.bridged.set(professionalId, callSid);
    if (reach) this.reach.set(professionalId, reach);
  }

  async isBusy(professionalId: string | null | undefined): Promise<boolean> {
    return professionalId ? this.bridged.has(professionalId) : false;
  }

  async reachOf(professionalId: string): Promise<Reach | null> {
    return this.reach.get(professionalId) ?? null;
  }

  async hold(queue: string, callSid: string): Promise<void> {
    if (!this.holding.has(queue)) this.holding.set(queue, new Set());
    this.holding.get(queue)!.add(callSid);
  }

  async unhold(callSid: string): Promise<void> {
    for (const calls of this.holding.values()) calls.delete(callSid);
  }

  async nextHolding(queue: string): Promise<string | null> {
    return this.holding.get(queue)?.values().next().value ?? null;
  }

  async callEnded(callSid: string, now: Date): Promise<string[]> {
    this.ended.set(callSid, now.getTime());
    await this.unhold(callSid);
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
