import type { SimulatedPhone } from './phone.js';
import type { Fault } from './rest-api.js';
import type {
  AppError,
  CallSnapshot,
  EmulatorEvents,
  IncomingNumberConfig,
  MessageSnapshot,
  PhoneBehaviour,
} from './types.js';

/** The running emulator, as tests, the terminal phone and the control API see it. */
export interface TwilioEmulator {
  /** Base URL of the REST API, e.g. http://127.0.0.1:41234 (no trailing slash). */
  readonly url: string;
  readonly accountSid: string;
  readonly authToken: string;
  readonly timeScale: number;
  /** Declares (or replaces) one of the app's Twilio numbers. */
  incomingNumber(e164: string, config: IncomingNumberConfig): void;
  /** The simulated phone with that number (the same object on every call). */
  phone(e164: string): SimulatedPhone;
  /**
   * Every phone, those already seen and those not yet, reacts this way from now on. The terminal
   * phone sets it before dialling: a doctor's phone rings before anyone could name it, and its
   * behaviour is read when it starts ringing.
   */
  everyPhoneBehaves(behaviour: PhoneBehaviour): void;
  /** Messages kept, oldest first; a string keeps those to or from that number. */
  messages(filter?: string | { to?: string; from?: string }): MessageSnapshot[];
  /** Every call leg, oldest first. */
  calls(): CallSnapshot[];
  /** Webhook and TwiML errors (11200, 12100, 12300…), as Twilio's debugger logs them. */
  errors(): AppError[];
  /** Makes the next `times` (default 1) REST POSTs to Calls or Messages fail. */
  failNext(fault: Fault): void;
  /** The X-Twilio-Signature Twilio would send for that URL and POST params. */
  signature(url: string, params: Record<string, string>): string;
  /** Subscribes; returns the unsubscribe function. */
  on<K extends keyof EmulatorEvents>(
    event: K,
    listener: (...args: EmulatorEvents[K]) => void,
  ): () => void;
  /** Stops every call (no more webhooks) and the HTTP server. */
  close(): Promise<void>;
}
