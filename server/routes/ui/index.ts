import { Router, type ErrorRequestHandler } from 'express';
import { ZodError } from 'zod';
import { requireAuth } from '../../auth/middleware.js';
import type { AppDeps } from '../../deps.js';
import { HttpError } from '../../http-errors.js';
import { assetsRouter } from './assets.js';
import { callsPages } from './calls-pages.js';
import { demoPage } from './demo-page.js';
import { directoryPage } from './directory-page.js';
import { homePage } from './home-page.js';
import { html } from './html.js';
import { page } from './layout.js';
import { loginRouter } from './login.js';
import { myShiftsPage } from './my-shifts-page.js';
import { rotaEdit } from './rota-edit.js';
import { rotaFeed } from './rota-feed.js';
import { rotaPage } from './rota-page.js';
import { shiftEditPage } from './shift-edit-page.js';

/** The web app for rota managers and professionals: server-rendered French pages, no build step. */
export function uiRouter(deps: AppDeps): Router {
  const router = Router();
  router.use(loginRouter(deps));
  router.use(requireAuth('page'));
  router.use(assetsRouter());
  router.use(
    homePage(deps),
    rotaPage(deps),
    rotaFeed(deps),
    shiftEditPage(deps),
    rotaEdit(deps),
    callsPages(deps),
    directoryPage(deps),
    myShiftsPage(deps),
    demoPage(deps),
  );
  const onError: ErrorRequestHandler = (err, req, res, _next) => {
    // Bad input parsed by zod in a page is the visitor's mistake (400), never a 500.
    const status = err instanceof HttpError ? err.status : err instanceof ZodError ? 400 : 500;
    if (status === 500) req.log.error({ err }, 'page error');
    res
      .status(status)
      .type('html')
      .send(
        page(
          status === 403 ? 'Accès refusé' : status === 404 ? 'Introuvable' : 'Erreur',
          req.actor,
          html`<p class="error">${status === 500 ? 'Une erreur est survenue.' : err instanceof ZodError ? err.issues.map((i) => i.message).join(' ; ') : err.message}</p><p><a href="/">Retour à l'accueil</a></p>`,
        ),
      );
  };
  router.use(onError);
  return router;
}
