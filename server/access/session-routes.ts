import { Router } from 'express';
import { z } from 'zod';
import { checkPassword } from './credentials.js';
import { loginLimits } from './login-limits.js';
import { csrfToken, requireCsrf } from './middleware.js';
import type { AppDeps } from '../platform/deps.js';

const login = z.object({
  email: z.string().email('adresse e-mail invalide'),
  password: z.string().min(1, 'mot de passe requis'),
});

/** POST /api/session logs in (rate-limited), GET tells who you are and your CSRF token, DELETE logs out (CSRF-checked). */
export function sessionRouter(deps: AppDeps): Router {
  const router = Router();
  // The same counters as the login form: trying both doors does not double the guesses.
  const limits = loginLimits(deps, (_req, res) =>
    res.status(429).json({
      error: 'rate_limited',
      message: 'Trop de tentatives, réessayez dans quelques minutes. Too many attempts.',
    }),
  );
  router.post('/session', ...limits, async (req, res, next) => {
    try {
      const { email, password } = login.parse(req.body ?? {});
      const userId = await checkPassword(deps.db.db, email, password);
      if (!userId)
        return void res.status(401).json({
          error: 'bad_credentials',
          message: 'E-mail ou mot de passe incorrect. Wrong email or password.',
        });
      req.session.regenerate((err) => {
        if (err) return next(err);
        req.session.userId = userId;
        const csrf = csrfToken(req);
        // Saved before answering, as the login form does: a client using the cookie at once must find it.
        req.session.save((saveErr) => (saveErr ? next(saveErr) : res.json({ ok: true, csrf })));
      });
    } catch (err) {
      next(err);
    }
  });
  router.get('/session', (req, res) => {
    if (!req.actor)
      return void res
        .status(401)
        .json({ error: 'unauthenticated', message: 'Non connecté. Not logged in.' });
    res.json({ user: req.actor, csrf: req.session ? csrfToken(req) : null });
  });
  // A logout is a mutation of the session: a cross-site request must not end it.
  router.delete('/session', requireCsrf, (req, res) => {
    req.session.destroy(() => res.status(204).end());
  });
  return router;
}
