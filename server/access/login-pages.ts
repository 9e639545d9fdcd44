import express, { Router, type Request, type Response } from 'express';
import { checkPassword } from './credentials.js';
import { loginCsrf } from './login-csrf.js';
import { loginLimits } from './login-limits.js';
import { csrfToken, validCsrf } from './middleware.js';
import type { AppDeps } from '../platform/deps.js';
import { html } from '../web/html.js';
import { page } from '../web/layout.js';

const form = (csrf: string, next: string, error?: string) => html`
<form method="post" action="/login" class="card mw-24">
  ${error ? html`<p class="error" role="alert">${error}</p>` : ''}
  <input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="next" value="${next}">
  <label for="email">Adresse e-mail</label><input class="wide" id="email" name="email" type="email" autocomplete="username" required>
  <label for="password">Mot de passe</label><input class="wide" id="password" name="password" type="password" autocomplete="current-password" required>
  <p><button type="submit">Se connecter</button></p>
</form>`;

/**
 * Where `next` may send the browser after login: a path of this site only. `/\evil.org` and
 * `/%09/evil.org` are resolved as a browser would (backslash as slash, tabs dropped) and refused
 * when they leave the origin.
 */
export function sameSitePath(value: unknown): string {
  if (
    typeof value !== 'string' ||
    !value.startsWith('/') ||
    [...value].some((c) => c === '\\' || c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)
  )
    return '/';
  const origin = 'http://gardeline.invalid';
  const url = URL.canParse(value, origin) ? new URL(value, origin) : null;
  return url && url.origin === origin && !value.startsWith('//')
    ? `${url.pathname}${url.search}${url.hash}`
    : '/';
}

/** GET/POST /login (rate-limited, CSRF-checked without a stored session), POST /logout. */
export function loginRouter(deps: AppDeps): Router {
  const router = Router();
  const csrf = loginCsrf(deps);
  const show = (req: Request, res: Response, status: number, next: string, error?: string) =>
    res
      .status(status)
      .type('html')
      .send(page('Connexion', undefined, form(csrf.issue(req, res), next, error)));
  const limits = loginLimits(deps, (req, res) =>
    show(req, res, 429, '/', 'Trop de tentatives, réessayez dans quelques minutes.'),
  );
  router.get('/login', (req, res) => {
    show(req, res, 200, sameSitePath(req.query.next));
  });
  router.post(
    '/login',
    express.urlencoded({ extended: false }),
    ...limits,
    async (req, res, next) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      if (!csrf.check(req, body._csrf))
        return void show(req, res, 403, sameSitePath(body.next), 'Session expirée, réessayez.');
      const userId = await checkPassword(
        deps.db.db,
        String(body.email ?? ''),
        String(body.password ?? ''),
      );
      if (!userId)
        return void show(
          req,
          res,
          401,
          sameSitePath(body.next),
          'E-mail ou mot de passe incorrect.',
        );
      req.session.regenerate((err) => {
        if (err) return next(err);
        req.session.userId = userId;
        csrfToken(req);
        // Saved before answering: express-session otherwise sends the 303's headers while the store's
        // write is in flight, and a browser following at once arrives logged out (the bounced logins of issue 7).
        req.session.save((saveErr) =>
          saveErr ? next(saveErr) : res.redirect(303, sameSitePath(body.next)),
        );
      });
    },
  );
  // Logout needs the session's CSRF token: a cross-site form must not end a coordinator's
  // session mid-night. A page without the token (an error page) gets a confirmation form.
  router.post('/logout', express.urlencoded({ extended: false }), (req, res) => {
    if (!req.session?.userId) return res.redirect(303, '/login');
    if (!validCsrf(req))
      return void res
        .status(403)
        .type('html')
        .send(
          page(
            'Déconnexion',
            undefined,
            html`<form method="post" action="/logout" class="card mw-24"><input type="hidden" name="_csrf" value="${csrfToken(req)}"><p>Confirmez-vous la déconnexion ?</p><p><button type="submit">Se déconnecter</button></p></form>`,
          ),
        );
    req.session.destroy(() => res.redirect(303, '/login'));
  });
  return router;
}
