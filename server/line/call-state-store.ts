import type postgres from 'postgres';
import type { Config } from '../platform/config.js';
import { defaultLeases, type LiveCallLeases, type LiveCalls } from './call-state.js';
import { LiveCallsWithFallback } from './call-state-fallback.js';
import { PostgresLiveCalls } from './call-state-postgres.js';
import { RedisLiveCalls } from './call-state-redis.js';

/**
 * The live-call store, from the config alone, so that every process started with the same
 * REDIS_URL and QUEUE_PREFIX (web instances, the worker) shares the same facts: Redis when
 * REDIS_URL is set (production), else PostgreSQL (the embedded default has no Redis).
 */
export function openLiveCalls(
  config: Pick<Config, 'REDIS_URL' | 'QUEUE_PREFIX'>,
  sql: postgres.Sql,
  leases: LiveCallLeases = defaultLeases,
): LiveCalls {
  const shared = config.REDIS_URL
    ? new RedisLiveCalls(config.REDIS_URL, { prefix: config.QUEUE_PREFIX, leases })
    : new PostgresLiveCalls(sql, leases);
  // Each call bounded (~1 s), and this process's memory as a stand-in while it is unreachable.
  return new LiveCallsWithFallback(shared);
}
