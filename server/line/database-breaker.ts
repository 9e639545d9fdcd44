import { performance } from 'node:perf_hooks';
import { DatabaseUnavailable, isConnectivityError } from './database-errors.js';

let tripsSinceStart = 0;
const breakers = new Set<WeakRef<DatabaseBreaker>>();

/** Times a database breaker opened in this process (tests and metrics read it). */
export const breakerTripCount = (): number => tripsSinceStart;

/** Is any database breaker of this process open now? (metrics: breaker state) */
export function anyBreakerOpen(): boolean {
  for (const ref of breakers) {
    const breaker = ref.deref();
    if (!breaker) breakers.delete(ref);
    else if (breaker.isOpen()) return true;
  }
  return false;
}

/**
 * Remembers that PostgreSQL just failed, so that the next webhooks route from the cached rota
 * at once instead of each waiting for a timeout. After `coolDownMs` the database is tried again.
 * It opens on connectivity errors and timeouts only: a write refused for its data says nothing
 * about the database, and a Redis failure never comes through here. It keeps no writes: what
 * could not be written waits in the durable outbox (turn-outbox.ts).
 * It measures real elapsed time (a monotonic clock), never the domain clock that tests pin.
 */
export class DatabaseBreaker {
  private openUntil = 0;

  constructor(private readonly coolDownMs = 5000) {
    breakers.add(new WeakRef(this));
  }

  isOpen(): boolean {
    return performance.now() < this.openUntil;
  }

  trip(): void {
    if (!this.isOpen()) tripsSinceStart += 1;
    this.openUntil = performance.now() + this.coolDownMs;
  }

  /**
   * Runs a database call: bounded by `ms`, skipped while the breaker is open. A connectivity
   * failure or a timeout trips the breaker; every failure rejects.
   */
  async guard<T>(ms: number, work: () => Promise<T>): Promise<T> {
    if (this.isOpen())
      throw new DatabaseUnavailable('DATABASE_MARKED_DOWN', 'database marked down');
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        work(),
        new Promise<never>(
          (_, reject) =>
            (timer = setTimeout(
              () =>
                reject(
                  new DatabaseUnavailable(
                    'DATABASE_TIMEOUT',
                    `database did not answer within ${ms} ms`,
                  ),
                ),
              ms,
            )),
        ),
      ]);
    } catch (err) {
      if (isConnectivityError(err)) this.trip();
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }
}
