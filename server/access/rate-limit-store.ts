import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';
import type { Sql } from 'postgres';

const pruneEveryMs = 10 * 60_000;

/**
 * An express-rate-limit store on the `rate_limit_hits` table: every instance on one PostgreSQL
 * shares the counts (the embedded default has no Redis; production uses rate-limit-redis).
 * Written here rather than taken from npm: the one package for it pins an old `pg` and runs a
 * migration system of its own beside drizzle's. Counts are fixed windows, as express-rate-limit's
 * memory and Redis stores keep them.
 */
export class PostgresRateLimitStore implements Store {
  readonly localKeys = false;
  private windowMs = 60_000;
  private lastPrune = 0;

  constructor(
    private readonly sql: Sql,
    readonly prefix: string,
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const [row] = await this.sql<{ hits: number; reset_at: Date | string }[]>`
      select hits, reset_at from rate_limit_hits where key = ${this.prefix + key} and reset_at > now()`;
    return row ? { totalHits: row.hits, resetTime: new Date(row.reset_at) } : undefined;
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    this.pruneNow();
    // One statement: two instances counting the same key at once both land (row lock).
    const [row] = await this.sql<{ hits: number; reset_at: Date | string }[]>`
      insert into rate_limit_hits as r (key, hits, reset_at)
      values (${this.prefix + key}, 1, now() + ${this.windowMs} * interval '1 millisecond')
      on conflict (key) do update set
        hits = case when r.reset_at <= now() then 1 else r.hits + 1 end,
        reset_at = case when r.reset_at <= now() then excluded.reset_at else r.reset_at end
      returning hits, reset_at`;
    return { totalHits: row!.hits, resetTime: new Date(row!.reset_at) };
  }

  async decrement(key: string): Promise<void> {
    await this.sql`
      update rate_limit_hits set hits = greatest(hits - 1, 0)
      where key = ${this.prefix + key} and reset_at > now()`;
  }

  async resetKey(key: string): Promise<void> {
    await this.sql`delete from rate_limit_hits where key = ${this.prefix + key}`;
  }

  /** Expired windows are deleted now and then, on the way of a count (no timer to stop). */
  private pruneNow(): void {
    if (Date.now() - this.lastPrune < pruneEveryMs) return;
    this.lastPrune = Date.now();
    this.sql`delete from rate_limit_hits where reset_at < now()`.catch(() => {});
  }
}
