import express, { Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import { checkPassword } from './credentials.js';
import { csrfToken } from './middleware.js';
import type { AppDeps } from '../platform/deps.js';
import { html } from '../web/html.js';
import { page } from '../web/layout.js';

const form = (csrf: string, next: string, error?: string) => html`
<form method="post" action="/login" class="card" style="max-width:24rem">
  ${error ? html`<p class="error" role="alert">${error}</p>` : ''}
  <input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="next" value="${next}">
  <label for="email">Adresse e-mail</label><input id="email" name="email" type="email" autocomplete="username" required style="width:100%">
  <label for="password">Mot de passe</label><input id="password" name="password" type="password" autocomplete="current-password" required style="width:100%">
  <p><button type="submit">Se connecter</button></p>
</form>`;

/** GET/POST /login (rate-limited, CSRF-checked), POST /logout. */
export function loginRouter(deps: AppDeps): Router {
  const router = Router();
  const limiter = rateLimit({
    windowMs: 60_000,
    limit: 10,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    message: 'Trop de tentatives, réessayez dans une minute.',
  });
  const safeNext = (value: unknown) =>
    typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') ? value : '/';
  router.get('/login', (req, res) => {
    res
      .type('html')
      .send(page('Connexion', undefined, form(csrfToken(req), safeNext(req.query.next))));
  });
  router.post(
    '/login',
    limiter,
    express.urlencoded({ extended: false }),
    async (req, res, next) => {
      const body = req.body as Record<string, string>;
      if (!req.session.csrf || body._csrf !== req.session.csrf)
        return void res
          .status(403)
          .type('html')
          .send(
            page('Connexion', undefined, form(csrfToken(req), '/', 'Session expirée, réessayez.')),
          );
      const userId = await checkPassword(
        deps.db.db,
        String(body.email ?? ''),
        String(body.password ?? ''),
      );
      if (!userId)
        return void res
          .status(401)
          .type('html')
          .send(
            page(
              'Connexion',
              undefined,
              form(csrfToken(req), safeNext(body.next), 'E-mail ou mot de passe incorrect.'),
            ),
          );
      req.session.regenerate((err) => {
        if (err) return next(err);
        req.session.userId = userId;
        csrfToken(req);
        // Saved before answering: express-session otherwise sends the 303's headers while the store's
        // write is in flight, and a browser following at once arrives logged out (the bounced logins of issue 7).
        req.session.save((saveErr) =>
          saveErr ? next(saveErr) : res.redirect(303, safeNext(body.next)),
        );
      });
    },
  );
  router.post('/logout', (req, res) => {
    req.session.destroy(() => res.redirect(303, '/login'));
  });
  return router;
}
