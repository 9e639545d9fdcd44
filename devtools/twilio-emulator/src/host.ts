import type { Clock } from './clock.js';
import type { AppError, EmulatorEvents, PhoneBehaviour } from './types.js';
import type { WebhookRequest, WebhookResult } from './webhook.js';

/** Per-number state of a simulated phone. */
export interface PhoneState {
  number: string;
  behaviour: PhoneBehaviour;
  /** Twilio numbers this phone texted STOP to. */
  unsubscribedFrom: Set<string>;
  /** Legs ringing this phone not yet taken by `phone.rings()`. */
  unclaimedRings: string[];
}

export interface EmulatorConfig {
  accountSid: string;
  authToken: string;
  webhookTimeoutMs: number;
  harnessTimeoutMs: number;
}

/**
 * What a call leg needs from the emulator. A separate contract so that the state can hold
 * legs without the legs depending on the state module.
 */
export interface EmulatorHost {
  readonly config: EmulatorConfig;
  readonly clock: Clock;
  readonly closeSignal: AbortSignal;
  readonly baseUrl: string;
  emit<K extends keyof EmulatorEvents>(event: K, ...args: EmulatorEvents[K]): void;
  changed(): void;
  webhook(request: WebhookRequest): Promise<WebhookResult>;
  recordError(error: Omit<AppError, 'at'>): void;
  phoneState(number: string): PhoneState;
}
