import {
  Queue,
  Worker,
  createPostgresBackend,
  type Processor,
  type QueueOptions,
  type WorkerOptions,
} from 'bullmq';
import { Redis } from 'ioredis';

/**
 * Where BullMQ keeps its jobs: Redis in production, PostgreSQL (bullmq's Postgres backend)
 * on the embedded default so the service starts with nothing but Node.
 */
export type QueueBackend =
  | { kind: 'redis'; url: string; prefix?: string }
  | { kind: 'postgres'; url: string; schema?: string };

/** Builds Queue and Worker instances bound to one backend, owning their connections. */
export interface QueueFactory {
  readonly backend: QueueBackend;
  queue<T>(name: string, opts?: Omit<QueueOptions, 'connection'>): Queue<T>;
  worker<T>(
    name: string,
    processor: Processor<T>,
    opts?: Omit<WorkerOptions, 'connection'>,
  ): Worker<T>;
  /**
   * The producers' Redis connection (fail-fast, bounded commands), for small durable writes that
   * are not jobs (the line's outbox); null on the PostgreSQL backend.
   */
  readonly redis: Redis | null;
  /** Closes the shared Redis connections (queues and workers close themselves). */
  close(): Promise<void>;
}

export function createQueueFactory(backend: QueueBackend): QueueFactory {
  if (backend.kind === 'redis') return redisFactory(backend);
  const connection = {
    connectionString: backend.url,
    schema: backend.schema ?? 'bullmq',
    migrate: true,
  };
  return {
    backend,
    queue: <T>(name: string, opts: Omit<QueueOptions, 'connection'> = {}) =>
      new Queue<T>(name, { ...opts, connection } as QueueOptions, createPostgresBackend as never),
    worker: <T>(
      name: string,
      processor: Processor<T>,
      opts: Omit<WorkerOptions, 'connection'> = {},
    ) =>
      new Worker<T>(
        name,
        processor,
        { ...opts, connection } as WorkerOptions,
        createPostgresBackend as never,
      ),
    redis: null,
    close: async () => {},
  };
}

/**
 * Bounds of every producer command: a Redis that hangs (not down: silent) must fail a webhook's
 * queue call in about a second, never hold it until Twilio gives up.
 */
export const producerRedisOptions = {
  /** A command with no reply after this long is rejected (ioredis has no bound by default). */
  commandTimeout: 1000,
  /** Connecting (or reconnecting) gives up after this long. */
  connectTimeout: 2000,
  /** One retry after a reconnect, then the caller gets the error. */
  maxRetriesPerRequest: 1,
  /** No queueing while disconnected: fail at once (the callback row in PostgreSQL is the truth). */
  enableOfflineQueue: false,
  lazyConnect: false,
} as const;

function redisFactory(backend: Extract<QueueBackend, { kind: 'redis' }>): QueueFactory {
  // Producers fail fast when Redis is down (the callback row in PostgreSQL is the source of
  // truth and is re-enqueued later); workers wait forever for Redis to come back.
  const producer = new Redis(backend.url, producerRedisOptions);
  producer.on('error', () => {});
  const workerConnections: Redis[] = [];
  const prefix = backend.prefix ?? 'gardeline';
  return {
    backend,
    redis: producer,
    queue: <T>(name: string, opts: Omit<QueueOptions, 'connection'> = {}) =>
      new Queue<T>(name, { prefix, ...opts, connection: producer }),
    worker: <T>(
      name: string,
      processor: Processor<T>,
      opts: Omit<WorkerOptions, 'connection'> = {},
    ) => {
      const connection = new Redis(backend.url, { maxRetriesPerRequest: null });
      connection.on('error', () => {});
      workerConnections.push(connection);
      return new Worker<T>(name, processor, { prefix, ...opts, connection });
    },
    close: async () => {
      await Promise.allSettled([producer.quit(), ...workerConnections.map((c) => c.quit())]);
    },
  };
}
