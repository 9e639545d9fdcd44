import { Router, type ErrorRequestHandler } from 'express';
import { ZodError } from 'zod';
import { requireAuth } from './access/middleware.js';
import type { AppDeps } from './platform/deps.js';
import { HttpError } from './platform/http-errors.js';
import { assetsRouter } from './web/assets-routes.js';
import { callsPages } from './dashboard/call-log-pages.js';
import { demoPage } from './web/demo-page.js';
import { directoryPage } from './directory/pages.js';
import { directorySearchPages } from './directory/shared/search-pages.js';
import { entryEditPages } from './directory/shared/entry-edit-pages.js';
import { homePage } from './web/home-page.js';
import { html } from './web/html.js';
import { page } from './web/layout.js';
import { loginRouter } from './access/login-pages.js';
import { accountsPages } from './access/accounts/accounts-pages.js';
import { invitationPages } from './access/accounts/invitation-pages.js';
import { myAccountPages } from './access/accounts/my-account-pages.js';
import { myShiftsPage } from './planning/my-shifts/pages.js';
import { rotaEdit } from './planning/rota-pages/rota-edit-pages.js';
import { rotaFeed } from './planning/rota-pages/feed-routes.js';
import { rotaPage } from './planning/rota-pages/rota-page.js';
import { shiftEditPage } from './planning/rota-pages/shift-edit-page.js';
import { swapsPages } from './planning/swaps/pages.js';
import { printMonthPage } from './planning/tableau/print-page.js';
import { tableauPages } from './planning/tableau/pages.js';
import { historyPages } from './history/pages.js';
import { activityReportPages } from './regulation/report/pages.js';
import { leavePages } from './planning/unavailability/leave-pages.js';
import { overridesPages } from './planning/unavailability/overrides-pages.js';
import { pontsPages } from './planning/ponts-pages.js';
import { templatePages } from './planning/template-pages/template-page.js';
import { fichePages } from './regulation/fiches/pages.js';
import { myCallsPage } from './regulation/fiches/my-calls-page.js';
import { consultationBookingPage } from './regulation/consultations/booking-page.js';
import { eveningPages } from './regulation/consultations/evening-pages.js';
import { hospitalPages } from './hospital/pages.js';
import { advicePages } from './advice/pages.js';
import { regulationPages } from './territories/regulation-page.js';
import { crraPages } from './regulation/crra/pages.js';

/** The web app for rota managers and professionals: server-rendered French pages, no build step. */
export function uiRouter(deps: AppDeps): Router {
  const router = Router();
  router.use(loginRouter(deps));
  router.use(invitationPages(deps));
  // Before the login wall: the SMS link opens its fiche without a session (its token is checked).
  router.use(fichePages(deps));
  router.use(requireAuth('page'));
  router.use(assetsRouter());
  router.use(
    homePage(deps),
    rotaPage(deps),
    rotaFeed(deps),
    shiftEditPage(deps),
    rotaEdit(deps),
    templatePages(deps),
    overridesPages(deps),
    leavePages(deps),
    pontsPages(deps),
    callsPages(deps),
    swapsPages(deps),
    historyPages(deps),
    directoryPage(deps),
    entryEditPages(deps),
    directorySearchPages(deps),
    myShiftsPage(deps),
    demoPage(deps),
    accountsPages(deps),
    myAccountPages(deps),
    tableauPages(deps),
    printMonthPage(deps),
    regulationPages(deps),
    crraPages(deps),
    activityReportPages(deps),
    myCallsPage(deps),
    consultationBookingPage(deps),
    eveningPages(deps),
    hospitalPages(deps),
    advicePages(deps),
  );
  const onError: ErrorRequestHandler = (err, req, res, _next) => {
    // Bad input parsed by zod in a page is the visitor's mistake (400), never a 500; so is a body
    // the parsers refuse (413 too large, 415 unknown charset, 400 unreadable), with their status.
    const parserStatus = (err as { status?: unknown; type?: unknown }).status;
    const refusedBody =
      typeof parserStatus === 'number' && parserStatus >= 400 && parserStatus < 500
        ? parserStatus
        : null;
    const status =
      err instanceof HttpError ? err.status : err instanceof ZodError ? 400 : (refusedBody ?? 500);
    if (status === 500) req.log.error({ err }, 'page error');
    res
      .status(status)
      .type('html')
      .send(
        page(
          status === 403 ? 'Accès refusé' : status === 404 ? 'Introuvable' : 'Erreur',
          req.actor,
          html`<p class="error">${status === 500 ? 'Une erreur est survenue.' : refusedBody && !(err instanceof HttpError) ? (status === 413 ? 'Envoi trop volumineux. Request too large.' : 'Envoi illisible. Unreadable request.') : err instanceof ZodError ? err.issues.map((i) => i.message).join(' ; ') : err.message}</p><p><a href="/">Retour à l'accueil</a></p>`,
        ),
      );
  };
  router.use(onError);
  return router;
}
