import { createHash } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { rateLimit, type Store } from 'express-rate-limit';
import { RedisStore, type RedisReply } from 'rate-limit-redis';
import type { AppDeps } from '../platform/deps.js';
import { PostgresRateLimitStore } from './rate-limit-store.js';

const windowMs = 15 * 60_000;
/** Failed logins one client address may make per window (a clinic behind one NAT shares it). */
export const failuresPerAddress = 30;
/**
 * Failed logins on one account per window, from anywhere: guessing spread over many addresses.
 * Not lower: anyone can spend an account's budget and lock its owner out for the window.
 */
export const failuresPerAccount = 20;

/**
 * The login rate limits, shared by the form and the API and by every instance: Redis when the
 * service has one (production), else the `rate_limit_hits` table. Only failures count
 * (`skipSuccessfulRequests`: a 2xx/3xx answer takes its hit back). The client address is
 * `req.ip`, which the TRUST_PROXY setting makes the real one behind the proxy.
 * A store that fails lets the attempt through: its password check still applies, and a Redis
 * outage must not lock every coordinator out in the night.
 */
export function loginLimits(
  deps: Pick<AppDeps, 'config' | 'db' | 'rateLimitRedis'>,
  refuse: (req: Request, res: Response) => void,
): RequestHandler[] {
  const redis = deps.rateLimitRedis;
  const store = (name: string): Store =>
    redis
      ? new RedisStore({
          prefix: `${deps.config.QUEUE_PREFIX}:login-limit:${name}:`,
          sendCommand: (command: string, ...args: string[]) =>
            redis.call(command, ...args) as Promise<RedisReply>,
        })
      : new PostgresRateLimitStore(deps.db.sql, `login:${name}:`);
  const common = {
    windowMs,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    skipSuccessfulRequests: true,
    passOnStoreError: true,
    handler: refuse,
  } as const;
  return [
    rateLimit({ ...common, limit: failuresPerAddress, store: store('address') }),
    rateLimit({
      ...common,
      limit: failuresPerAccount,
      store: store('account'),
      skip: (req) => accountOf(req) === null,
      // A digest: the counters' keys do not list who tried to log in.
      keyGenerator: (req) => createHash('sha256').update(accountOf(req)!).digest('base64url'),
    }),
  ];
}

const accountOf = (req: Request): string | null => {
  const email = (req.body as Record<string, unknown> | undefined)?.email;
  return typeof email === 'string' && email.trim() ? email.trim().toLowerCase() : null;
};
