import { CallHandle, type WaitOptions } from './call-handle.js';
import { placeInboundCall } from './call-lifecycle.js';
import { receiveSms } from './messaging.js';
import type { EmulatorState } from './state.js';
import type { CallSnapshot, MessageSnapshot, PhoneBehaviour } from './types.js';

export interface DialOptions {
  /** 'anonymous' to hide the caller ID (From=anonymous). */
  callerId?: string;
}

/** A simulated phone: it calls and texts the app's numbers, rings, answers, hears and presses. */
export class SimulatedPhone {
  private smsCursor = 0;

  constructor(
    private readonly state: EmulatorState,
    readonly number: string,
  ) {}

  /** Replaces how this phone reacts to calls and SMS (see PhoneBehaviour). */
  behave(behaviour: PhoneBehaviour): this {
    this.state.phoneState(this.number).behaviour = { ...behaviour };
    return this;
  }

  /** Calls one of the app's numbers. */
  async dial(to: string, options: DialOptions = {}): Promise<CallHandle> {
    return new CallHandle(
      this.state,
      placeInboundCall(this.state, this.number, to, options.callerId),
    );
  }

  /** Waits for the next call ringing (or auto-answered on) this phone not yet taken by `rings()`. */
  rings(options: WaitOptions = {}): Promise<CallHandle> {
    const timeoutMs = options.timeoutMs ?? this.state.config.harnessTimeoutMs;
    const phone = this.state.phoneState(this.number);
    return this.state.waitUntil(
      () => {
        while (phone.unclaimedRings.length > 0) {
          const leg = this.state.calls.get(phone.unclaimedRings.shift()!);
          if (leg?.active) return new CallHandle(this.state, leg);
        }
        return undefined;
      },
      timeoutMs,
      () =>
        `expected ${this.number} to ring within ${timeoutMs} ms; its calls: ${JSON.stringify(this.calls().map((c) => `${c.sid} from ${c.from}: ${c.status}`))}`,
    );
  }

  /** Texts one of the app's numbers; resolves once the app answered, with the replies sent back. */
  async sendSms(to: string, body: string): Promise<{ sid: string; replies: MessageSnapshot[] }> {
    const { sid, replies } = await receiveSms(this.state, this.number, to, body);
    return { sid, replies: replies.map((r) => r.snapshot()) };
  }

  /** SMS delivered to this phone, oldest first. */
  inbox(): MessageSnapshot[] {
    return this.state.messages
      .filter((m) => m.to === this.number && m.status === 'delivered')
      .map((m) => m.snapshot());
  }

  /** Waits for the next delivered SMS (after the previous match) whose body matches. */
  receives(pattern: RegExp | string, options: WaitOptions = {}): Promise<MessageSnapshot> {
    const timeoutMs = options.timeoutMs ?? this.state.config.harnessTimeoutMs;
    const test = (body: string): boolean =>
      typeof pattern === 'string'
        ? body.toLowerCase().includes(pattern.toLowerCase())
        : pattern.test(body);
    return this.state.waitUntil(
      () => {
        const inbox = this.inbox();
        for (let i = this.smsCursor; i < inbox.length; i++) {
          if (test(inbox[i]!.body)) {
            this.smsCursor = i + 1;
            return inbox[i]!;
          }
        }
        return undefined;
      },
      timeoutMs,
      () =>
        `expected ${this.number} to receive an SMS matching ${String(pattern)} within ${timeoutMs} ms; inbox: ${JSON.stringify(this.inbox().map((m) => m.body))}`,
    );
  }

  /** True after this phone texted STOP to `number` (and not START since). */
  isUnsubscribedFrom(number: string): boolean {
    return this.state.phoneState(this.number).unsubscribedFrom.has(number);
  }

  /** Every leg this phone was on (as caller or called party). */
  calls(): CallSnapshot[] {
    return [...this.state.calls.values()]
      .filter((c) => c.phone === this.number)
      .map((c) => c.snapshot());
  }
}
