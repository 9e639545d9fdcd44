import { performance } from 'node:perf_hooks';
import type { RequestHandler } from 'express';
import { Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { AppDeps } from './deps.js';
import { lineFigures, type LineFigures } from './metrics-store.js';
import { queueNames } from './queues.js';

/** Where the figures come from: the database and queues at scrape time, the line room live. */
export interface MetricsSources {
  deps: Pick<AppDeps, 'db' | 'jobs' | 'now'>;
  /** Is this process's database breaker open (webhooks routing from the rota snapshot)? */
  breakerOpen(): boolean;
  /** Writes refused for their data and set aside (dead letters), when the line counts them. */
  deadLetters?: () => number;
}

export interface Metrics {
  registry: Registry;
  /** Express middleware timing every request of the router it is mounted on, by route pattern. */
  timeWebhooks: RequestHandler;
}

/** The window of the call figures: a day of calls, so a scrape after a restart still sees them. */
const windowMs = 24 * 3600_000;
const queueStates = ['waiting', 'active', 'delayed', 'failed'] as const;

/**
 * One registry per app (tests build several apps in one process). Database figures are gauges
 * read by one bounded query set per scrape, not counters threaded through the line's code: they
 * are what PostgreSQL holds, the same whichever instance is scraped.
 */
export function createMetrics({ deps, breakerOpen, deadLetters }: MetricsSources): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const webhookSeconds = new Histogram({
    name: 'gardeline_webhook_duration_seconds',
    help: 'Time to answer a Twilio webhook, by route pattern and status (Twilio gives up at 15 s)',
    labelNames: ['route', 'status'],
    buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 15],
    registers: [registry],
  });

  // Every database gauge of one scrape shares one transaction (prom-client collects them
  // together); bounded, so an unreachable database costs a scrape 1.5 s at most.
  let scrape: { at: number; figures: Promise<LineFigures | null> } | null = null;
  const figures = () => {
    if (!scrape || performance.now() - scrape.at > 250) {
      const since = new Date(deps.now().getTime() - windowMs);
      scrape = { at: performance.now(), figures: withinMs(lineFigures(deps.db, since), 1500) };
    }
    return scrape.figures;
  };
  const fromDatabase = (
    name: string,
    help: string,
    read: (f: LineFigures, gauge: Gauge<string>) => void,
    labelNames: string[] = [],
  ) =>
    new Gauge({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        const f = await figures();
        this.reset();
        // Database unreachable: unknown (NaN, or no series when labelled), never a false zero.
        if (f) read(f, this);
        else if (labelNames.length === 0) this.set(NaN);
      },
    });
  fromDatabase(
    'gardeline_calls_24h',
    'Calls started in the last 24 hours, by outcome (in_progress: not ended yet)',
    (f, g) => f.callsByOutcome.forEach(({ outcome, count }) => g.set({ outcome }, count)),
    ['outcome'],
  );
  fromDatabase('gardeline_rings_24h', 'Professionals rung for calls of the last 24 hours', (f, g) =>
    g.set(f.rings),
  );
  fromDatabase(
    'gardeline_acceptances_24h',
    'Rings accepted by keypress for calls of the last 24 hours',
    (f, g) => g.set(f.acceptances),
  );
  fromDatabase('gardeline_callback_backlog', 'Callbacks pending or in progress', (f, g) =>
    g.set(f.callbackBacklog),
  );
  fromDatabase(
    'gardeline_callback_oldest_pending_age_seconds',
    'Age of the oldest callback still pending or in progress (0 when none)',
    (f, g) =>
      g.set(
        f.oldestPendingCallbackAt
          ? Math.max(0, (deps.now().getTime() - f.oldestPendingCallbackAt.getTime()) / 1000)
          : 0,
      ),
  );

  new Gauge({
    name: 'gardeline_queue_jobs',
    help: 'Jobs per queue and state',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      await Promise.all(
        queueNames.map(async (queue) => {
          const counts = await withinMs(deps.jobs.queues[queue].getJobCounts(...queueStates), 1000);
          if (counts)
            for (const state of queueStates) this.set({ queue, state }, counts[state] ?? 0);
        }),
      );
    },
  });
  new Gauge({
    name: 'gardeline_database_breaker_open',
    help: '1 while the database breaker is open (calls routed from the rota snapshot)',
    registers: [registry],
    collect() {
      this.set(breakerOpen() ? 1 : 0);
    },
  });
  if (deadLetters)
    new Gauge({
      name: 'gardeline_dead_letters',
      help: 'Writes refused for their data and set aside since the process started',
      registers: [registry],
      collect() {
        this.set(deadLetters());
      },
    });

  const timeWebhooks: RequestHandler = (req, res, next) => {
    const started = performance.now();
    const base = req.baseUrl;
    res.once('finish', () => {
      // The route pattern (/voice/:node), never the URL: bounded labels, no call data.
      const pattern = (req.route as { path?: unknown } | undefined)?.path;
      const route = typeof pattern === 'string' ? `${base}${pattern}` : 'unmatched';
      webhookSeconds.observe(
        { route, status: String(res.statusCode) },
        (performance.now() - started) / 1000,
      );
    });
    next();
  };
  return { registry, timeWebhooks };
}

async function withinMs<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
  try {
    return await Promise.race([promise.catch(() => null), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
