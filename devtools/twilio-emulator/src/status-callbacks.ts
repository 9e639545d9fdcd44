import type { EmulatorHost } from './host.js';
import { rfc2822 } from './identifiers.js';
import type { CallStatus } from './types.js';

/** StatusCallbackEvent values of the REST API and of <Number statusCallbackEvent>. */
export type StatusEvent = 'initiated' | 'ringing' | 'answered' | 'completed';

export interface StatusCallbackConfig {
  url: string;
  method?: 'GET' | 'POST';
  /** Only these events are posted; Twilio's default is 'completed' alone. */
  events: ReadonlySet<StatusEvent>;
}

/**
 * The status callbacks of one leg, signed like every webhook and sent one after the
 * other so that SequenceNumber order is arrival order. A callback that fails is recorded
 * (11200) and not retried, as Twilio does.
 */
export class StatusCallbacks {
  private sequence = 0;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly host: EmulatorHost,
    private readonly config: StatusCallbackConfig,
  ) {}

  /**
   * `initiated` is reported as CallStatus=initiated; the others carry the leg's status.
   * `completed` adds CallDuration (emulated seconds) and Duration (minutes, rounded up).
   */
  send(
    event: StatusEvent,
    legParams: Record<string, string>,
    status: CallStatus,
    durationSeconds: number,
  ): void {
    if (!this.config.events.has(event)) return;
    const params: Record<string, string> = {
      ...legParams,
      CallStatus: event === 'initiated' ? 'initiated' : status,
      CallbackSource: 'call-progress-events',
      SequenceNumber: String(this.sequence++),
      Timestamp: rfc2822(new Date()),
    };
    if (event === 'completed') {
      params.CallDuration = String(durationSeconds);
      params.Duration = String(Math.ceil(durationSeconds / 60));
    }
    const request = { url: this.config.url, method: this.config.method, params };
    this.chain = this.chain.then(async () => {
      if (this.host.closeSignal.aborted) return;
      const result = await this.host.webhook(request);
      if (!result.ok) {
        this.host.recordError({
          code: result.code,
          message: `status callback: ${result.message}`,
          url: result.url,
          callSid: legParams.CallSid,
        });
      }
    });
  }
}
