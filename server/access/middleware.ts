import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import session from 'express-session';
import type { AppDeps } from '../platform/deps.js';
import { loadActor, scopedTo } from './actor.js';
import { userForToken } from './credentials.js';
import { PostgresSessionStore } from './session-store.js';

/** Server-side sessions (PostgreSQL), an HttpOnly SameSite cookie. */
export function sessions(deps: AppDeps): RequestHandler {
  return session({
    store: new PostgresSessionStore(deps.db.sql),
    secret: deps.config.SESSION_SECRET,
    name: 'gardeline.sid',
    resave: false,
    saveUninitialized: false,
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: deps.publicUrl.startsWith('https://'),
      maxAge: 12 * 3600_000,
    },
  });
}

declare module 'express-serve-static-core' {
  interface Request {
    /** How req.actor was identified: only a session cookie needs the CSRF check. */
    authenticatedBy?: 'bearer' | 'session';
  }
}

/** Sets req.actor from a Bearer API token or the session; never refuses by itself. */
export function identify(deps: AppDeps): RequestHandler {
  return async (req, _res, next) => {
    try {
      const bearer = /^Bearer (\S+)$/.exec(req.header('authorization') ?? '')?.[1];
      if (bearer) {
        const found = await userForToken(deps.db.db, bearer, deps.now());
        const actor = found ? await loadActor(deps.db.db, found.userId) : null;
        req.actor =
          (actor && found?.territoryId ? scopedTo(actor, found.territoryId) : actor) ?? undefined;
        if (req.actor) {
          req.actor.viaToken = true;
          req.authenticatedBy = 'bearer';
        }
      } else if (req.session?.userId) {
        req.actor = (await loadActor(deps.db.db, req.session.userId)) ?? undefined;
        if (req.actor) req.authenticatedBy = 'session';
      }
      next();
    } catch (err) {
      next(err);
    }
  };
}

/** 401 without an actor; `json` for the API, a redirect to the login page for the web app. */
export function requireAuth(kind: 'json' | 'page'): RequestHandler {
  return (req, res, next) => {
    if (req.actor) return next();
    if (kind === 'page')
      return res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
    res.status(401).json({
      error: 'unauthenticated',
      message: 'Connexion requise (session ou jeton API). Authentication required.',
    });
  };
}

/** The session's CSRF token, created on first use (only logged-in sessions are stored). */
export function csrfToken(req: Request): string {
  if (!req.session.csrf) req.session.csrf = randomBytes(24).toString('base64url');
  return req.session.csrf;
}

/** Whether the request carries its session's CSRF token (form field `_csrf` or `x-csrf-token`). */
export function validCsrf(req: Request): boolean {
  const sent = String(
    (req.body as Record<string, unknown> | undefined)?._csrf ?? req.header('x-csrf-token') ?? '',
  );
  const expected = req.session?.csrf ?? '';
  return (
    expected !== '' &&
    sent.length === expected.length &&
    timingSafeEqual(Buffer.from(sent), Buffer.from(expected))
  );
}

/**
 * Mutations authenticated by the session cookie must carry the session's CSRF token. Only a
 * request identified by its Bearer token is exempt (a browser cannot forge one); any other
 * Authorization header (Basic, a bogus one) changes nothing when the session cookie comes along.
 */
export const requireCsrf: RequestHandler = (req, res, next) => {
  if (['GET', 'HEAD', 'OPTIONS'].includes(req.method) || req.authenticatedBy === 'bearer')
    return next();
  if (validCsrf(req)) return next();
  res.status(403).json({
    error: 'csrf',
    message: 'Jeton CSRF absent ou invalide. Missing or invalid CSRF token.',
  });
};
