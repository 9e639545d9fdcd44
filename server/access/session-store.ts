import session from 'express-session';
import type { Sql } from 'postgres';

/** express-session store on our own `session` table, through the service's postgres.js pool. */
export class PostgresSessionStore extends session.Store {
  constructor(
    private readonly sql: Sql,
    private readonly ttlMs = 12 * 3600_000,
  ) {
    super();
  }

  override get(sid: string, done: (err: unknown, data?: session.SessionData | null) => void): void {
    this.sql`select sess from session where sid = ${sid} and expire > now()`.then(
      (rows) => done(null, (rows[0]?.sess as session.SessionData | undefined) ?? null),
      done,
    );
  }

  override set(sid: string, data: session.SessionData, done?: (err?: unknown) => void): void {
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
