import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import type { AppDeps } from '../platform/deps.js';

/**
 * The login form's CSRF token without a stored session (a signed double-submit cookie): an
 * anonymous visit writes no session row. The cookie holds a random nonce; the form carries its
 * HMAC under SESSION_SECRET. A forged cross-site POST has neither the cookie's value nor the key.
 * The session itself is created only by a successful login.
 */
export function loginCsrf(deps: Pick<AppDeps, 'config' | 'publicUrl'>) {
  const secure = deps.publicUrl.startsWith('https://');
  // __Host-: only this host over https may set it (a sibling subdomain cannot plant a nonce).
  const name = secure ? '__Host-gardeline.login' : 'gardeline.login';
  const sign = (nonce: string) =>
    createHmac('sha256', deps.config.SESSION_SECRET).update(`login:${nonce}`).digest('base64url');
  const nonceOf = (req: Request) => {
    const value = /(?:^|;\s*)([^=;]+)=([A-Za-z0-9_-]{20,64})(?:;|$)/g;
    for (const match of (req.header('cookie') ?? '').matchAll(value))
      if (match[1] === name) return match[2]!;
    return null;
  };
  return {
    /** The token for the form, setting the cookie on a first visit. */
    issue(req: Request, res: Response): string {
      let nonce = nonceOf(req);
      if (!nonce) {
        nonce = randomBytes(18).toString('base64url');
        res.cookie(name, nonce, { httpOnly: true, sameSite: 'lax', secure, path: '/' });
      }
      return sign(nonce);
    },
    /** Whether the form's token matches the cookie. */
    check(req: Request, sent: unknown): boolean {
      const nonce = nonceOf(req);
      if (!nonce || typeof sent !== 'string') return false;
      const expected = Buffer.from(sign(nonce));
      const given = Buffer.from(sent);
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}
