import { isIP } from 'node:net';
import { z } from 'zod';
import { toE164 } from './phone-numbers.js';

/**
 * Every setting of the service, read from the environment once and parsed here.
 * Defaults describe the embedded local mode: no env needed to start.
 */
const urlString = (protocols: string[]) =>
  z
    .string()
    .refine((value) => URL.canParse(value) && protocols.some((p) => value.startsWith(`${p}://`)), {
      message: `must be a URL starting with ${protocols.map((p) => `${p}://`).join(' or ')}`,
    });
const port = z.coerce
  .number({ error: 'must be a port number from 0 to 65535' })
  .int('must be a port number from 0 to 65535')
  .min(0, 'must be a port number from 0 to 65535')
  .max(65535, 'must be a port number from 0 to 65535');
const milliseconds = z.coerce
  .number({ error: 'must be a number of milliseconds' })
  .int('must be a number of milliseconds')
  .min(100, 'must be at least 100 milliseconds');

// An IPv4/IPv6 address or subnet, or one of proxy-addr's names.
const proxyAddress = (value: string) => {
  const [address = '', bits, ...rest] = value.split('/');
  return (
    ['loopback', 'linklocal', 'uniquelocal'].includes(value) ||
    (isIP(address) !== 0 && rest.length === 0 && (bits === undefined || /^\d{1,3}$/.test(bits)))
  );
};

const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: port.default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Base URL Twilio uses to reach us; signatures are checked against it. */
  PUBLIC_URL: urlString(['http', 'https']).optional(),
  /** Unset: an embedded PostgreSQL is started under .data/postgres. */
  DATABASE_URL: urlString(['postgres', 'postgresql']).optional(),
  /** Unset: BullMQ runs on PostgreSQL through its Postgres backend. */
  REDIS_URL: urlString(['redis', 'rediss']).optional(),
  TWILIO_ACCOUNT_SID: z
    .string()
    .regex(/^AC[0-9a-f]{32}$/, 'must be AC followed by 32 hex characters')
    .default('AC00000000000000000000000000000000'),
  TWILIO_AUTH_TOKEN: z
    .string()
    .min(8, 'must be at least 8 characters')
    .default('gardeline-local-auth-token'),
  /** Base URL of Twilio's REST API; unset: the local Twilio emulator started with the service. */
  TWILIO_API_URL: urlString(['http', 'https']).optional(),
  EMULATOR_PORT: port.default(3001),
  /** Staffed number /twilio/fallback dials when nothing else works (no database needed). */
  FALLBACK_NUMBER: z
    .string()
    .refine((value) => toE164(value) !== null, 'must be a valid phone number, e.g. +33297000000')
    .transform((value) => toE164(value)!)
    .optional(),
  /** Seconds a territory's rota stays cached for the voice webhooks (a rota edit reaches the phone within it). */
  ROTA_CACHE_SECONDS: z.coerce
    .number({ error: 'must be a number of seconds' })
    .min(0)
    .max(300)
    .default(5),
  /** Bearer token a Prometheus scraper presents to GET /metrics (unset: loopback scrapes only). */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * Which proxies in front of the service to believe about the client (X-Forwarded-For/-Proto):
   * a hop count (`1`: the one nginx in front), or addresses and subnets (`10.0.0.2, loopback`).
   * Unset: none, requests come straight from clients. Required in production (https PUBLIC_URL):
   * without it a TLS-terminating proxy's requests look like plain http and secure cookies are never set.
   */
  TRUST_PROXY: z
    .string()
    .trim()
    .refine(
      (value) => /^\d{1,2}$/.test(value) || value.split(',').every((a) => proxyAddress(a.trim())),
      'a hop count (1) or addresses/subnets separated by commas (10.0.0.2, 10.0.0.0/8, loopback)',
    )
    .transform((value): number | string[] =>
      /^\d+$/.test(value) ? Number(value) : value.split(',').map((a) => a.trim()),
    )
    .optional(),
  /** Secret for session cookies and CSRF tokens. */
  SESSION_SECRET: z
    .string()
    .min(16, 'must be at least 16 characters')
    .default('gardeline-local-session-secret'),
  /** SMTP server for account invitations (smtp:// or smtps://user:pass@host:port); unset: SMS only. */
  SMTP_URL: urlString(['smtp', 'smtps']).optional(),
  MAIL_FROM: z.string().min(3).default('gardeline <no-reply@gardeline.local>'),
  /** Where the embedded PostgreSQL keeps its data. */
  DATA_DIR: z.string().min(1).default('.data'),
  /**
   * The directory national register extractions may be imported from by path (besides the
   * shipped fixtures); unset: DATA_DIR/imports. Anything else goes by URL.
   */
  DIRECTORY_IMPORT_DIR: z.string().min(1).optional(),
  /** Redis key prefix of the queues (several deployments can share one Redis). */
  QUEUE_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9_-]{1,40}$/, 'letters, digits, - and _ only')
    .default('gardeline'),
  /** Run queue workers inside the web process (off when workers run as `npm run worker`). */
  RUN_WORKERS: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** Milliseconds a worker's lock on a job lasts unrenewed: the job of a worker that died waits this long. */
  WORKER_LOCK_MS: milliseconds.default(15_000),
  /** Milliseconds between the workers' checks for jobs whose lock expired (stalled: back to the queue). */
  WORKER_STALLED_INTERVAL_MS: milliseconds.default(10_000),
  /** Stalls a job survives before it fails for good (every job is idempotent: run again, not failed). */
  WORKER_MAX_STALLED: z.coerce.number({ error: 'must be a whole number' }).int().min(1).default(10),
  /** Milliseconds between sweeps of the callbacks that never reached the queue (Redis was down). */
  OUTBOX_SWEEP_MS: milliseconds.default(15_000),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws a ConfigError with one line per bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = configSchema.safeParse(cleaned);
  if (parsed.success) {
    if (parsed.data.NODE_ENV === 'production') assertProductionReady(parsed.data);
    return parsed.data;
  }
  // One line per variable, however many rules it broke.
  const byVariable = new Map<string, string>();
  for (const issue of parsed.error.issues) {
    const name = issue.path.join('.');
    if (!byVariable.has(name)) byVariable.set(name, issue.message);
  }
  const problems = [...byVariable].map(([name, message]) => {
    const value = env[name];
    const shown = value === undefined ? 'missing' : `got "${redact(name, value)}"`;
    return `${name}: ${message} (${shown})`;
  });
  throw new ConfigError(problems);
}

function redact(name: string, value: string): string {
  return /TOKEN|SECRET|PASSWORD|SMTP_URL/.test(name) ? '***' : value.slice(0, 80);
}

/** In production nothing may fall back to a local default that would be unsafe. */
function assertProductionReady(config: Config): void {
  const missing = (['PUBLIC_URL', 'DATABASE_URL', 'REDIS_URL', 'TWILIO_API_URL'] as const)
    .filter((key) => config[key] === undefined)
    .map((key) => `${key}: required when NODE_ENV=production (missing)`);
  if (config.TWILIO_AUTH_TOKEN === 'gardeline-local-auth-token') {
    missing.push('TWILIO_AUTH_TOKEN: required when NODE_ENV=production (missing)');
  }
  if (config.SESSION_SECRET === 'gardeline-local-session-secret') {
    missing.push('SESSION_SECRET: required when NODE_ENV=production (missing)');
  } else if (!strongSecret(config.SESSION_SECRET)) {
    missing.push(
      'SESSION_SECRET: too weak for production: 32+ random characters, e.g. `openssl rand -base64 48` (got "***")',
    );
  }
  if (config.PUBLIC_URL?.startsWith('http://'))
    missing.push(
      `PUBLIC_URL: must be https:// in production: passwords and session cookies cross it (got "${config.PUBLIC_URL}")`,
    );
  if (config.PUBLIC_URL?.startsWith('https://') && trustsNoProxy(config.TRUST_PROXY))
    missing.push(
      'TRUST_PROXY: required when NODE_ENV=production behind the TLS proxy of an https PUBLIC_URL: its hop count (1) or address (missing)',
    );
  if (missing.length > 0) throw new ConfigError(missing);
}

const trustsNoProxy = (value: Config['TRUST_PROXY']) =>
  value === undefined || value === 0 || (Array.isArray(value) && value.length === 0);

/**
 * A production secret: long, and not a word repeated or a keyboard run (at least 10 distinct
 * characters and ~96 bits by a per-character Shannon estimate: `openssl rand -hex 16` passes).
 */
export function strongSecret(secret: string): boolean {
  if (secret.length < 32 || /gardeline|change.?me|secret|password/i.test(secret)) return false;
  const counts = new Map<string, number>();
  for (const c of secret) counts.set(c, (counts.get(c) ?? 0) + 1);
  const bitsPerChar = [...counts.values()].reduce(
    (sum, n) => sum - (n / secret.length) * Math.log2(n / secret.length),
    0,
  );
  return counts.size >= 10 && bitsPerChar * secret.length >= 96;
}

/** The base URL Twilio reaches; defaults to the local listener. */
export function publicUrl(config: Config, port: number = config.PORT): string {
  return (config.PUBLIC_URL ?? `http://${config.HOST}:${port}`).replace(/\/$/, '');
}
