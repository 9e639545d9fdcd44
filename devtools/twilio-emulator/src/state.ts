import { EventEmitter } from 'node:events';
import { CallLeg, type CallLegInit } from './call-leg.js';
import type { Clock } from './clock.js';
import type { EmulatorConfig, EmulatorHost, PhoneState } from './host.js';
import type { MessageRecord } from './message-record.js';
import type { CallQueue } from './queue-types.js';
import type { AppError, EmulatorEvents, IncomingNumberConfig, PhoneBehaviour } from './types.js';
import { sendWebhook, type WebhookRequest, type WebhookResult } from './webhook.js';

/** Everything the emulator knows, and the bus every change is announced on. */
export class EmulatorState implements EmulatorHost {
  readonly events = new EventEmitter();
  readonly calls = new Map<string, CallLeg>();
  readonly messages: MessageRecord[] = [];
  readonly numbers = new Map<string, IncomingNumberConfig>();
  readonly phones = new Map<string, PhoneState>();
  readonly appErrors: AppError[] = [];
  readonly queues = new Map<string, CallQueue>();
  /** How a phone not seen before reacts (see `everyPhoneBehaves`); tests keep the manual default. */
  defaultBehaviour: PhoneBehaviour = {};
  /** The emulator's own address, known once it listens. */
  baseUrl = '';
  private readonly closing = new AbortController();

  constructor(
    readonly config: EmulatorConfig,
    readonly clock: Clock,
  ) {
    this.events.setMaxListeners(0);
  }

  /** Aborted by `close()`: every pending wait and webhook stops. */
  get closeSignal(): AbortSignal {
    return this.closing.signal;
  }

  close(): void {
    this.closing.abort(new Error('twilio emulator closed'));
    this.changed();
  }

  /** Creates a leg, registers it and announces it (event 'call'). */
  openCall(init: CallLegInit): CallLeg {
    const leg = new CallLeg(this, init);
    this.calls.set(leg.sid, leg);
    this.emit('call', leg.snapshot());
    return leg;
  }

  emit<K extends keyof EmulatorEvents>(event: K, ...args: EmulatorEvents[K]): void {
    this.events.emit(event, ...args);
    this.changed();
  }

  /** Wakes every `waitUntil` so it re-checks its condition. */
  changed(): void {
    this.events.emit('change');
  }

  phoneState(number: string): PhoneState {
    let phone = this.phones.get(number);
    if (!phone) {
      phone = {
        number,
        behaviour: { ...this.defaultBehaviour },
        unsubscribedFrom: new Set(),
        unclaimedRings: [],
      };
      this.phones.set(number, phone);
    }
    return phone;
  }

  recordError(error: Omit<AppError, 'at'>): void {
    const entry = { ...error, at: new Date() };
    this.appErrors.push(entry);
    this.emit('app-error', entry);
  }

  webhook(request: WebhookRequest): Promise<WebhookResult> {
    return sendWebhook(request, {
      authToken: this.config.authToken,
      timeoutMs: this.config.webhookTimeoutMs,
      signal: this.closing.signal,
    });
  }

  /** Resolves with `check()`'s first defined result, re-checked on every change, or rejects with the signal's reason. */
  whenTrue<T>(check: () => T | undefined, signal: AbortSignal): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const finish = (fn: () => void): void => {
        this.events.off('change', onChange);
        signal.removeEventListener('abort', onAbort);
        fn();
      };
      const onAbort = (): void => finish(() => reject(signal.reason));
      const onChange = (): void => {
        const value = check();
        if (value !== undefined) finish(() => resolve(value));
      };
      if (signal.aborted) return reject(signal.reason);
      this.events.on('change', onChange);
      signal.addEventListener('abort', onAbort, { once: true });
      onChange();
    });
  }

  /**
   * Resolves with `check()`'s first defined result, re-checked on every change; rejects
   * with `describe()` (an explicit message) after `timeoutMs` real milliseconds, or with
   * the reason `check` throws.
   */
  waitUntil<T>(check: () => T | undefined, timeoutMs: number, describe: () => string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const finish = (fn: () => void): void => {
        clearTimeout(timer);
        this.events.off('change', onChange);
        fn();
      };
      const onChange = (): void => {
        let value: T | undefined;
        try {
          value = check();
        } catch (err) {
          finish(() => reject(err));
          return;
        }
        if (value !== undefined) finish(() => resolve(value));
        else if (this.closing.signal.aborted)
          finish(() => reject(new Error(`${describe()} (emulator closed)`)));
      };
      const timer = setTimeout(() => finish(() => reject(new Error(describe()))), timeoutMs);
      this.events.on('change', onChange);
      onChange();
    });
  }
}
