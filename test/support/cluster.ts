import { randomBytes } from 'node:crypto';
import { startTwilioEmulator, type TwilioEmulator } from '@gardeline/twilio-emulator';
import { wireNumber } from '../../scripts/local-telephony.js';
import { createTestDatabase, type TestDatabase } from './db.js';
import { testRedisUrl } from './env.js';
import { freePort, processOf, type ClusterProcess } from './cluster-process.js';
import { startNginx, type Nginx, type ProxiedRequest } from './nginx.js';

export type { ClusterProcess } from './cluster-process.js';

export interface Cluster {
  /** nginx, the only address Twilio (the emulator) knows: PUBLIC_URL of every instance. */
  url: string;
  emulator: TwilioEmulator;
  db: TestDatabase;
  instances: ClusterProcess[];
  worker: ClusterProcess;
  /** Every webhook goes to these instances only (null: all of them again, round-robin). */
  routeTo(...instances: ClusterProcess[]): Promise<void>;
  /** nginx's error log so far. */
  proxyErrors(): string;
  /** Requests nginx proxied so far (which instance served which webhook). */
  requests(): ProxiedRequest[];
  /** The instance that served the last request to `path` about this call (or its child leg). */
  lastServer(path: string, callSid: string): string | null;
  /** The instances that served the webhooks of these calls (CallSid or ParentCallSid). */
  servedBy(...callSids: string[]): Set<string>;
  close(): Promise<void>;
}

export interface ClusterOptions {
  instances?: number;
  /** The clock every process sees (time flows on from it); default: the real one. */
  now?: Date;
  /** Fills the database before any instance starts (e.g. seedDemo). */
  seed?: (db: TestDatabase) => Promise<void>;
  numbers?: string[];
  timeScale?: number;
  harnessTimeoutMs?: number;
  /** Extra environment for every process. */
  env?: Record<string, string>;
  /** Web processes also run workers (no separate worker process). */
  workersInWeb?: boolean;
}

const authToken = 'cluster-test-auth-token-0123456789';
const accountSid = 'AC' + 'c1a55e'.padEnd(32, '0');

/**
 * A production-shaped deployment in a box: N `npm start` processes (RUN_WORKERS=false) and one
 * `npm run worker`, on one fresh PostgreSQL database and one Redis (a queue prefix of their own),
 * behind nginx round-robin; the Twilio emulator (in this process) posts every webhook to nginx.
 * Each process is a real child process, so a test can SIGKILL, SIGTERM and restart it.
 */
export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const db = await createTestDatabase();
  await options.seed?.(db);
  const emulator = await startTwilioEmulator({
    accountSid,
    authToken,
    timeScale: options.timeScale ?? 0.02,
    harnessTimeoutMs: options.harnessTimeoutMs ?? 10_000,
  });
  const ports = await Promise.all(Array.from({ length: options.instances ?? 2 }, () => freePort()));
  const nginx: Nginx = await startNginx(ports, await freePort()).catch(async (err: unknown) => {
    await Promise.all([emulator.close(), db.drop()]);
    throw err;
  });
  const prefix = `glcluster-${randomBytes(4).toString('hex')}`;
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    DATABASE_URL: db.url,
    REDIS_URL: testRedisUrl,
    QUEUE_PREFIX: prefix,
    TWILIO_API_URL: emulator.url,
    TWILIO_ACCOUNT_SID: accountSid,
    TWILIO_AUTH_TOKEN: authToken,
    PUBLIC_URL: nginx.url,
    ROTA_CACHE_SECONDS: '0',
    RUN_WORKERS: options.workersInWeb ? 'true' : 'false',
    GARDELINE_CLOCK_OFFSET_MS: String(options.now ? options.now.getTime() - Date.now() : 0),
    ...options.env,
  };
  const instances = ports.map((port, i) =>
    processOf(`web${i + 1}`, 'web', port, { ...env, PORT: String(port) }),
  );
  const worker = processOf('worker', 'worker', 0, {
    ...env,
    LOG_LEVEL: 'info',
    RUN_WORKERS: 'true',
  });
  const all = options.workersInWeb ? instances : [...instances, worker];
  try {
    await Promise.all(all.map((p) => p.restart()));
  } catch (err) {
    await Promise.all(all.map((p) => p.kill('SIGKILL')));
    await Promise.all([nginx.stop(), emulator.close(), db.drop()]);
    throw err;
  }
  for (const number of options.numbers ?? ['+33261910015']) wireNumber(emulator, nginx.url, number);
  return {
    url: nginx.url,
    emulator,
    db,
    instances,
    worker,
    routeTo: (...only) => nginx.only(only.length ? only.map((i) => i.port) : null),
    requests: () => nginx.requests(),
    proxyErrors: () => nginx.errors(),
    lastServer(path, callSid) {
      const hits = nginx
        .requests()
        .filter(
          (r) =>
            r.path === path &&
            (r.params.get('CallSid') === callSid || r.params.get('ParentCallSid') === callSid),
        );
      return hits.at(-1)?.upstreams.at(-1) ?? null;
    },
    servedBy(...callSids) {
      const served = new Set<string>();
      for (const r of nginx.requests()) {
        const sid = r.params.get('CallSid');
        const parent = r.params.get('ParentCallSid');
        if ((sid && callSids.includes(sid)) || (parent && callSids.includes(parent)))
          for (const u of r.upstreams.slice(-1)) served.add(u);
      }
      return served;
    },
    async close() {
      await emulator.close();
      await Promise.all(all.map((p) => p.kill('SIGTERM')));
      await nginx.stop();
      await db.drop();
    },
  };
}
