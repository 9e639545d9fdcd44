import type { Clock } from './clock.js';

export type PressOutcome = 'taken' | 'held' | 'dropped';

/**
 * The DTMF path of one leg. Digits are taken while a <Gather> (or <Record>) listens,
 * held while the leg waits for the app's next TwiML (so a quick tester does not race
 * the webhook), and dropped otherwise, as Twilio ignores keys pressed during a plain
 * <Say>.
 */
export class Keypad {
  private buffer: string[] = [];
  private listening = false;
  private holding = false;
  private wake = new Set<() => void>();

  press(digit: string): PressOutcome {
    if (!this.listening && !this.holding) return 'dropped';
    this.buffer.push(digit);
    for (const wake of [...this.wake]) wake();
    return this.listening ? 'taken' : 'held';
  }

  /** A Gather starts collecting: digits held meanwhile become input. */
  listen(): void {
    this.listening = true;
  }

  /** The Gather is over: extra keys pressed with the last one are discarded. */
  stopListening(): void {
    this.listening = false;
    this.buffer = [];
  }

  /** While true, keys pressed are kept for the next Gather. */
  hold(on: boolean): void {
    this.holding = on;
  }

  get isListening(): boolean {
    return this.listening;
  }

  take(): string | undefined {
    return this.buffer.shift();
  }

  hasDigit(): boolean {
    return this.buffer.length > 0;
  }

  /** Resolves as soon as a digit is waiting (never rejects; removes itself on abort). */
  arrival(signal: AbortSignal): Promise<void> {
    if (this.hasDigit() || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        this.wake.delete(done);
        signal.removeEventListener('abort', done);
        resolve();
      };
      this.wake.add(done);
      signal.addEventListener('abort', done, { once: true });
    });
  }

  /** The next digit, or null after `timeoutMs` emulated ms without one. */
  async next(timeoutMs: number, clock: Clock, signal: AbortSignal): Promise<string | null> {
    const ready = this.take();
    if (ready !== undefined) return ready;
    const stop = new AbortController();
    const both = AbortSignal.any([signal, stop.signal]);
    const timedOut = await Promise.race([
      clock.sleep(timeoutMs, both).then(
        () => true,
        () => false,
      ),
      this.arrival(both).then(() => false),
    ]);
    stop.abort();
    if (signal.aborted) throw signal.reason;
    return timedOut ? null : (this.take() ?? null);
  }
}
