import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { turnWritesSchema, type TurnWrites } from './turn-writes.js';

/** One kept turn, as read back: its writes (null when unreadable) and how often it was tried. */
export interface OutboxEntry {
  /** The entry's name in its store. */
  ref: string;
  writes: TurnWrites | null;
  tries: number;
}

/**
 * Where a turn's writes wait, durably, while PostgreSQL cannot take them: `keep` resolves only
 * once the entry would survive a kill of this process. Entries leave by `done` (committed) or
 * `deadLetter` (can never be); `later` puts one back with a delay, behind the others, so no
 * entry blocks the queue. Production: the queues' Redis (AOF on). Embedded default (no Redis):
 * a directory next to the embedded database's data, written with fsync.
 */
export interface TurnOutbox {
  readonly kind: 'redis' | 'directory';
  keep(writes: TurnWrites): Promise<void>;
  /** The entries due at `now` (ms since epoch), oldest first. */
  due(limit: number, now: number): Promise<OutboxEntry[]>;
  done(entry: OutboxEntry): Promise<void>;
  later(entry: OutboxEntry, dueAt: number): Promise<void>;
  deadLetter(entry: OutboxEntry, code: string): Promise<void>;
  size(): Promise<number>;
  /** One replayer at a time across instances: true when this one may replay for `ms`. */
  claimReplay(ms: number): Promise<boolean>;
  releaseReplay(): Promise<void>;
}

/** How long a dead letter (patient numbers included) is kept for a person to look at. */
export const deadLetterDays = 30;

/** Reads an entry back; an entry that does not parse is a dead letter, not a crash. */
export function parseKept(text: string): { writes: TurnWrites | null; tries: number } {
  try {
    const raw = JSON.parse(text) as { writes?: unknown; tries?: unknown };
    const parsed = turnWritesSchema.safeParse(raw.writes);
    return {
      writes: parsed.success ? parsed.data : null,
      tries: typeof raw.tries === 'number' ? raw.tries : 0,
    };
  } catch {
    return { writes: null, tries: 0 };
  }
}

export class RedisOutbox implements TurnOutbox {
  readonly kind = 'redis';
  private readonly due_: string;
  private readonly entries: string;
  private readonly dead: string;
  private readonly lock: string;
  private readonly token = randomUUID();

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.due_ = `${prefix}:line-outbox:due`;
    this.entries = `${prefix}:line-outbox:entries`;
    this.dead = `${prefix}:line-outbox:dead`;
    this.lock = `${prefix}:line-outbox:replayer`;
  }

  async keep(writes: TurnWrites): Promise<void> {
    await this.redis
      .multi()
      .hset(this.entries, writes.key, JSON.stringify({ writes, tries: 0 }))
      .zadd(this.due_, 'NX', Date.now(), writes.key)
      .exec()
      .then(failedIn);
  }

  async due(limit: number, now: number): Promise<OutboxEntry[]> {
    const refs = await this.redis.zrangebyscore(this.due_, '-inf', now, 'LIMIT', 0, limit);
    if (refs.length === 0) return [];
    const texts = await this.redis.hmget(this.entries, ...refs);
    return refs.map((ref, i) => ({ ref, ...parseKept(texts[i] ?? '') }));
  }

  async done(entry: OutboxEntry): Promise<void> {
    await this.redis
      .multi()
      .zrem(this.due_, entry.ref)
      .hdel(this.entries, entry.ref)
      .exec()
      .then(failedIn);
  }

  async later(entry: OutboxEntry, dueAt: number): Promise<void> {
    const kept = JSON.stringify({ writes: entry.writes, tries: entry.tries + 1 });
    await this.redis
      .multi()
      .hset(this.entries, entry.ref, kept)
      .zadd(this.due_, 'XX', dueAt, entry.ref)
      .exec()
      .then(failedIn);
  }

  async deadLetter(entry: OutboxEntry, code: string): Promise<void> {
    // Kept for a person to look at (same store, same access rules as the outbox itself), and
    // not for ever: they hold patient numbers. The set goes 30 days after its last letter.
    const letter = JSON.stringify({ code, tries: entry.tries, writes: entry.writes });
    await this.redis
      .multi()
      .hset(this.dead, entry.ref, letter)
      .expire(this.dead, deadLetterDays * 86_400)
      .zrem(this.due_, entry.ref)
      .hdel(this.entries, entry.ref)
      .exec()
      .then(failedIn);
  }

  size(): Promise<number> {
    return this.redis.zcard(this.due_);
  }

  async claimReplay(ms: number): Promise<boolean> {
    return (await this.redis.set(this.lock, this.token, 'PX', ms, 'NX')) === 'OK';
  }

  async releaseReplay(): Promise<void> {
    if ((await this.redis.get(this.lock)) === this.token) await this.redis.del(this.lock);
  }
}

/** A MULTI answers per command: one failed command fails the whole keep. */
function failedIn(results: [Error | null, unknown][] | null): void {
  if (!results) throw new Error('outbox transaction aborted');
  const failed = results.find(([err]) => err);
  if (failed) throw failed[0]!;
}
