import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
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
        if (req.actor) req.actor.viaToken = true;
      } else if (req.session?.userId)
        req.actor = (await loadActor(deps.db.db, req.session.userId)) ?? undefined;
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

/** The session's CSRF token, created on first use. */
export function csrfToken(req: Parameters<RequestHandler>[0]): string {
  if (!req.session.csrf) req.session.csrf = randomBytes(24).toString('base64url');
  return req.session.csrf;
}

/**
 * Mutations authenticated by the session cookie must carry the session's CSRF token (form field
 * `_csrf` or header `x-csrf-token`). Bearer-token requests cannot be forged by a browser.
 */
export const requireCsrf: RequestHandler = (req, res, next) => {
  if (['GET', 'HEAD', 'OPTIONS'].includes(req.method) || req.header('authorization')) return next();
  const sent = String(
    (req.body as Record<string, unknown> | undefined)?._csrf ?? req.header('x-csrf-token') ?? '',
  );
  const expected = req.session?.csrf ?? '';
  if (
    expected &&
    sent.length === expected.length &&
    timingSafeEqual(Buffer.from(sent), Buffer.from(expected))
  )
    return next();
  res.status(403).json({
    error: 'csrf',
    message: 'Jeton CSRF absent ou invalide. Missing or invalid CSRF token.',
  });
};
