import { performance } from 'node:perf_hooks';

/**
 * Remembers that PostgreSQL just failed, so that the next webhooks route from the cached rota
 * at once instead of each waiting for a timeout. After `coolDownMs` the database is tried again.
 * It measures real elapsed time (a monotonic clock), never the domain clock that tests pin.
 */
export class DatabaseBreaker {
  private openUntil = 0;
  /** Idempotent writes that could not be made yet (call records): retried when PostgreSQL answers. */
  private readonly pending: (() => Promise<unknown>)[] = [];
  private draining = false;

  constructor(
    private readonly coolDownMs = 5000,
    private readonly maxPending = 50_000,
  ) {}

  /** Keeps an idempotent write for later; the oldest is dropped past `maxPending`. */
  retryLater(write: () => Promise<unknown>): void {
    if (this.pending.length >= this.maxPending) this.pending.shift();
    this.pending.push(write);
  }

  get pendingWrites(): number {
    return this.pending.length;
  }

  /** Replays kept writes in order while they succeed; stops at the first failure. */
  async drain(): Promise<void> {
    if (this.draining || this.isOpen()) return;
    this.draining = true;
    try {
      while (this.pending.length > 0) {
        await this.pending[0]!();
        this.pending.shift();
      }
    } catch {
      this.trip();
    } finally {
      this.draining = false;
    }
  }

  isOpen(): boolean {
    return performance.now() < this.openUntil;
  }

  trip(): void {
    this.openUntil = performance.now() + this.coolDownMs;
  }

  /**
   * Runs a database call: bounded by `ms`, skipped while the breaker is open. A failure or a
   * timeout trips the breaker and rejects.
   */
  async guard<T>(ms: number, work: () => Promise<T>): Promise<T> {
    if (this.isOpen()) throw new Error('database marked down');
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        work(),
        new Promise<never>(
          (_, reject) =>
            (timer = setTimeout(
              () => reject(new Error(`database did not answer within ${ms} ms`)),
              ms,
            )),
        ),
      ]);
    } catch (err) {
      this.trip();
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }
}
