/**
 * Emulated time. Every wait a real phone network would impose (ringing, prompts being
 * spoken, Gather and Dial timeouts, pauses) is expressed in emulated milliseconds and
 * multiplied by `timeScale` before it is slept, so a test can run a whole call in a few
 * hundred real milliseconds while durations reported to the app stay realistic.
 * HTTP timeouts (webhookTimeoutMs) and harness waits are real time, not scaled.
 */
export class Clock {
  constructor(readonly timeScale: number) {
    if (!(timeScale > 0)) throw new Error(`timeScale must be > 0 (got ${timeScale})`);
  }

  /** Sleeps `emulatedMs` × timeScale; rejects with `signal.reason` when aborted. */
  sleep(emulatedMs: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(
        () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        Math.max(0, emulatedMs * this.timeScale),
      );
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Real milliseconds elapsed since `realStartMs`, converted to emulated whole seconds. */
  emulatedSecondsSince(realStartMs: number): number {
    return Math.round((Date.now() - realStartMs) / this.timeScale / 1000);
  }

  /** Emulated duration of a spoken prompt: words ÷ 2.5 per second. */
  static speechMs(text: string): number {
    const words = text.split(/\s+/).filter(Boolean).length;
    return Math.max(1, words) * 400;
  }
}

/** Resolves when `signal` aborts (never rejects). */
export function whenAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) =>
    signal.addEventListener('abort', () => resolve(), { once: true }),
  );
}
