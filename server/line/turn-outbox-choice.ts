import { join } from 'node:path';
import type { AppDeps } from '../platform/deps.js';
import { DirectoryOutbox } from './turn-outbox-directory.js';
import { RedisOutbox, type TurnOutbox } from './turn-outbox.js';

/** The outbox of this deployment: the queues' Redis, or a directory on the embedded default. */
export function outboxFor(deps: Pick<AppDeps, 'jobs' | 'config'>): TurnOutbox {
  const { factory } = deps.jobs;
  if (factory.redis && factory.backend.kind === 'redis')
    return new RedisOutbox(factory.redis, factory.backend.prefix ?? 'gardeline');
  // One directory per database: an entry is only ever replayed into the database it was meant for.
  const database =
    new URL(factory.backend.url).pathname.replace(/[^A-Za-z0-9_-]/g, '') || 'default';
  return new DirectoryOutbox(join(deps.config.DATA_DIR, 'line-outbox', database));
}
