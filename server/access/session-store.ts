import session from 'express-session';
import type { Sql } from 'postgres';

/**
 * express-session store on our own `session` table, through the service's postgres.js pool.
 * Expired rows are deleted now and then on the way of a write (as connect-pg-simple prunes),
 * so no timer outlives the app.
 */
export class PostgresSessionStore extends session.Store {
  private lastPrune = 0;

  constructor(
    private readonly sql: Sql,
    private readonly ttlMs = 12 * 3600_000,
    private readonly pruneEveryMs = 15 * 60_000,
  ) {
    super();
  }

  /** Deletes the sessions past their expiry; the number deleted. */
  async prune(): Promise<number> {
    this.lastPrune = Date.now();
    const rows = await this.sql`delete from session where expire < now() returning sid`;
    return rows.length;
  }

  override get(sid: string, done: (err: unknown, data?: session.SessionData | null) => void): void {
    this.sql`select sess from session where sid = ${sid} and expire > now()`.then(
      (rows) => done(null, (rows[0]?.sess as session.SessionData | undefined) ?? null),
      done,
    );
  }

  override set(sid: string, data: session.SessionData, done?: (err?: unknown) => void): void {
    if (Date.now() - this.lastPrune >= this.pruneEveryMs) this.prune().catch(() => {});
    const expire = new Date(Date.now() + this.ttlMs).toISOString();
    this
      .sql`insert into session (sid, sess, expire) values (${sid}, ${JSON.stringify(data)}::json, ${expire}::timestamp)
      on conflict (sid) do update set sess = excluded.sess, expire = excluded.expire`.then(
      () => done?.(),
      (err) => done?.(err),
    );
  }

  override destroy(sid: string, done?: (err?: unknown) => void): void {
    this.sql`delete from session where sid = ${sid}`.then(
      () => done?.(),
      (err) => done?.(err),
    );
  }

  // Only extends a row that still exists: a request in flight while a reset or a deactivation
  // deletes the person's sessions must not write the row back.
  override touch(sid: string, _data: session.SessionData, done?: () => void): void {
    const expire = new Date(Date.now() + this.ttlMs).toISOString();
    this.sql`update session set expire = ${expire}::timestamp where sid = ${sid}`.then(
      () => done?.(),
      () => done?.(),
    );
  }
}
