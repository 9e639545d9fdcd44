/**
 * Remembers that PostgreSQL just failed, so that the next webhooks route from the cached rota
 * at once instead of each waiting for a timeout. After `coolDownMs` the database is tried again.
 */
export class DatabaseBreaker {
  private openUntil = 0;

  constructor(private readonly coolDownMs = 5000) {}

  isOpen(now: Date): boolean {
    return now.getTime() < this.openUntil;
  }

  trip(now: Date): void {
    this.openUntil = now.getTime() + this.coolDownMs;
  }

  /**
   * Runs a database call: bounded by `ms`, skipped while the breaker is open. A failure or a
   * timeout trips the breaker and rejects.
   */
  async guard<T>(now: Date, ms: number, work: () => Promise<T>): Promise<T> {
    if (this.isOpen(now)) throw new Error('database marked down');
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([work(), new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`database did not answer within ${ms} ms`)), ms)))]);
    } catch (err) {
      this.trip(now);
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }
}
