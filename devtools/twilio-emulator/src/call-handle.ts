import type { CallLeg } from './call-leg.js';
import type { EmulatorState } from './state.js';
import type { CallSnapshot, CallStatus } from './types.js';

export interface WaitOptions {
  /** Real milliseconds; default: the emulator's harnessTimeoutMs (5000). */
  timeoutMs?: number;
}

/** Anything that names a phone: its number, or a `SimulatedPhone`. */
export type PhoneRef = string | { readonly number: string };

function toRegExp(pattern: RegExp | string): RegExp {
  return typeof pattern === 'string'
    ? new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i')
    : pattern;
}

/**
 * One call as a simulated phone lives it: what it hears, the keys it presses, hanging
 * up. Waits are real time and fail with an explicit message listing what was heard.
 */
export class CallHandle {
  private cursor = 0;

  constructor(
    private readonly state: EmulatorState,
    private readonly leg: CallLeg,
  ) {}

  get sid(): string {
    return this.leg.sid;
  }
  get status(): CallStatus {
    return this.leg.status;
  }
  get from(): string {
    return this.leg.from;
  }
  get to(): string {
    return this.leg.to;
  }
  snapshot(): CallSnapshot {
    return this.leg.snapshot();
  }
  /** Lines heard so far, in order (Say text; Play as "[play] url"). */
  transcript(): string[] {
    return this.leg.transcript();
  }

  /** Waits for the next line (after the previous match) matching `pattern`; a string matches case-insensitively. */
  hears(pattern: RegExp | string, options: WaitOptions = {}): Promise<string> {
    const re = toRegExp(pattern);
    const timeoutMs = this.timeout(options);
    return this.state.waitUntil(
      () => {
        const lines = this.leg.transcript();
        for (let i = this.cursor; i < lines.length; i++) {
          if (re.test(lines[i]!)) {
            this.cursor = i + 1;
            return lines[i]!;
          }
        }
        if (!this.leg.active)
          throw new Error(
            `${this.describe()} ended (${this.leg.status}) before ${re} was heard; ${this.history()}`,
          );
        return undefined;
      },
      timeoutMs,
      () =>
        `expected to hear ${re} within ${timeoutMs} ms on ${this.describe()}; ${this.history()}`,
    );
  }

  /** Presses keys. Keys pressed while no <Gather> listens are dropped, as on Twilio (noted in the timeline). */
  async press(digits: string): Promise<void> {
    if (this.leg.status !== 'in-progress')
      throw new Error(
        `cannot press ${digits} on ${this.describe()}: the call is ${this.leg.status}`,
      );
    if (!/^[0-9*#]+$/.test(digits))
      throw new Error(`press: keys are 0-9, * and # (got ${JSON.stringify(digits)})`);
    const outcomes = [...digits].map((d) => this.leg.keypad.press(d));
    const dropped = outcomes.includes('dropped');
    this.leg.record('press', dropped ? `${digits} (dropped: no <Gather> was listening)` : digits);
    await new Promise((resolve) => setImmediate(resolve));
  }

  /** Picks up a ringing call (this phone is the called party). */
  async answer(options: WaitOptions = {}): Promise<void> {
    this.decide('answer');
    await this.waitFor(
      () => (this.leg.status === 'in-progress' ? true : undefined),
      'to be answered',
      options,
    );
  }

  /** Declines a ringing call: the caller gets busy. */
  async decline(): Promise<void> {
    this.decide('busy');
    await new Promise((resolve) => setImmediate(resolve));
  }

  /** Hangs up (or, while ringing, declines or cancels); resolves with the final status. */
  async hangup(): Promise<CallStatus> {
    if (this.leg.status === 'ringing' && this.leg.decide) this.leg.decide('busy');
    else this.leg.end(this.leg.status === 'in-progress' ? 'completed' : 'canceled');
    return this.ended();
  }

  /** Waits until this call is bridged to `other`'s phone. */
  isConnectedTo(other: PhoneRef, options: WaitOptions = {}): Promise<true> {
    const number = typeof other === 'string' ? other : other.number;
    return this.waitFor(
      () => (this.connectedTo() === number ? true : undefined),
      `to be connected to ${number}`,
      options,
    );
  }

  /** The phone this call is bridged to right now, if any. */
  connectedTo(): string | null {
    const peer = this.leg.bridgedWith ? this.state.calls.get(this.leg.bridgedWith) : undefined;
    return peer?.phone ?? null;
  }

  /** Resolves with the final status once the call is over. */
  ended(options: WaitOptions = {}): Promise<CallStatus> {
    const timeoutMs = this.timeout(options);
    return this.state.waitUntil(
      () => (this.leg.active ? undefined : this.leg.status),
      timeoutMs,
      () =>
        `expected ${this.describe()} to end within ${timeoutMs} ms; it is ${this.leg.status}; ${this.history()}`,
    );
  }

  private decide(choice: 'answer' | 'busy'): void {
    if (this.leg.status !== 'ringing' || !this.leg.decide) {
      throw new Error(
        `cannot ${choice === 'answer' ? 'answer' : 'decline'} ${this.describe()}: it is ${this.leg.status}, not ringing this phone`,
      );
    }
    this.leg.decide(choice);
  }

  private waitFor<T>(check: () => T | undefined, what: string, options: WaitOptions): Promise<T> {
    const timeoutMs = this.timeout(options);
    return this.state.waitUntil(
      () => {
        const value = check();
        if (value === undefined && !this.leg.active)
          throw new Error(
            `${this.describe()} ended (${this.leg.status}) while waiting for it ${what}; ${this.history()}`,
          );
        return value;
      },
      timeoutMs,
      () =>
        `expected ${this.describe()} ${what} within ${timeoutMs} ms; it is ${this.leg.status}; ${this.history()}`,
    );
  }

  private timeout(options: WaitOptions): number {
    return options.timeoutMs ?? this.state.config.harnessTimeoutMs;
  }

  private describe(): string {
    return `call ${this.leg.sid} (${this.leg.from} → ${this.leg.to})`;
  }

  private history(): string {
    const unmatched = this.leg.transcript().slice(this.cursor);
    const recent = this.leg.timeline
      .slice(-12)
      .map((e) => `${e.kind}: ${e.text}${e.interrupted ? ' (interrupted)' : ''}`);
    return `heard since last match: ${JSON.stringify(unmatched)}; recent timeline: ${JSON.stringify(recent)}`;
  }
}
