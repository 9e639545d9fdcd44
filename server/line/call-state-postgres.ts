import type postgres from 'postgres';
import {
  defaultLeases,
  type Bridge,
  type LiveCallLeases,
  type LiveCalls,
  type Reach,
} from './call-state.js';

/**
 * Live-call facts in PostgreSQL, for the embedded default (it runs no Redis). Not in the process:
 * the embedded service's crash must lose no call (after a restart a bridged doctor is still busy,
 * and the next webhook of a call still finds its acceptance). One table, `live_call_facts`
 * (db/schema/live-calls.ts): a row per fact with its expiry; readers ignore expired rows and
 * `sweep` deletes them. The claim is the primary key (kind 'bridge', professional id): an insert
 * that only takes over an expired row or one of the same call, so two instances never bridge one
 * professional to two patients. Expiry uses the database's clock, like Redis uses its own.
 */
export class PostgresLiveCalls implements LiveCalls {
  constructor(
    private readonly sql: postgres.Sql,
    private readonly leases: LiveCallLeases = defaultLeases,
  ) {}

  private put(kind: string, key: string, value: unknown, ms: number) {
    return this.sql`
      insert into live_call_facts (kind, key, value, expires_at)
      values (${kind}, ${key}, ${JSON.stringify(value)}::jsonb, now() + ${ms} * interval '1 millisecond')
      on conflict (kind, key)
      do update set value = excluded.value, expires_at = excluded.expires_at`;
  }

  private async read<T>(kind: string, key: string): Promise<T | null> {
    const [row] = await this.sql<{ value: unknown }[]>`
      select value from live_call_facts
      where kind = ${kind} and key = ${key} and expires_at > now()`;
    return row ? jsonOf<T>(row.value) : null;
  }

  async accept(callSid: string, attempt: number): Promise<void> {
    await this.put('accepted', `${callSid}/${attempt}`, true, this.leases.acceptedMs);
  }

  async wasAccepted(callSid: string, attempt: number): Promise<boolean> {
    return (await this.read('accepted', `${callSid}/${attempt}`)) !== null;
  }

  async bridge(claim: Omit<Bridge, 'since'>, reach: Reach | null): Promise<boolean> {
    const bridge: Bridge = { ...claim, since: Date.now() };
    const rows = await this.sql`
      insert into live_call_facts (kind, key, value, expires_at)
      select 'bridge', ${claim.professionalId}, ${JSON.stringify(bridge)}::jsonb,
        now() + ${this.leases.bridgeMs} * interval '1 millisecond'
      where not exists (
        select 1 from live_call_facts
        where kind = 'ended' and key = ${claim.callSid} and expires_at > now())
      on conflict (kind, key) do update
        set value = excluded.value, expires_at = excluded.expires_at
        where live_call_facts.expires_at <= now()
          or live_call_facts.value->>'callSid' = excluded.value->>'callSid'
      returning key`;
    if (rows.length === 0) return false;
    if (reach) await this.put('reach', claim.professionalId, reach, this.leases.reachMs);
    return true;
  }

  async isBusy(professionalId: string | null | undefined): Promise<boolean> {
    return professionalId ? (await this.read('bridge', professionalId)) !== null : false;
  }

  async reachOf(professionalId: string): Promise<Reach | null> {
    return this.read<Reach>('reach', professionalId);
  }

  async callEnded(callSid: string): Promise<string[]> {
    // The delete returns each freed row once, whichever instance runs it first.
    const [, freed] = await this.sql.begin((tx) => [
      tx`
        insert into live_call_facts (kind, key, value, expires_at)
        values ('ended', ${callSid}, '{}', now() + ${this.leases.endedMs} * interval '1 millisecond')
        on conflict (kind, key) do update set expires_at = excluded.expires_at`,
      tx<{ key: string }[]>`
        delete from live_call_facts
        where kind = 'bridge' and expires_at > now()
          and (value->>'callSid' = ${callSid} or value->>'legSid' = ${callSid})
        returning key`,
    ]);
    return freed.map((row) => row.key);
  }

  async bridges(): Promise<Bridge[]> {
    const rows = await this.sql<{ value: unknown }[]>`
      select value from live_call_facts where kind = 'bridge' and expires_at > now()`;
    return rows.map((row) => jsonOf<Bridge>(row.value));
  }

  async sweep(): Promise<void> {
    await this.sql`delete from live_call_facts where expires_at <= now()`;
  }

  async close(): Promise<void> {}
}

/** drizzle leaves json columns unparsed on the shared postgres.js client. */
const jsonOf = <T>(value: unknown): T =>
  (typeof value === 'string' ? JSON.parse(value) : value) as T;
