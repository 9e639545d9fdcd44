import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { localToInstant } from '../../../rota/local-time.js';
import { csrfToken, validCsrf } from '../../access/middleware.js';
import type { AppDeps } from '../../platform/deps.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/http-errors.js';
import { refusalOf } from '../../web/form-refusal.js';
import { page } from '../../web/layout.js';
import { mayWriteFiche, viewerOf, writerOf, type FicheViewer } from './access.js';
import { ficheRefusals } from './catalogue-fr.js';
import { addAddendum, saveFiche } from './commands.js';
import { isLocked } from './lock.js';
import type { FicheFormValues } from './fiche-form-view.js';
import { fichePageView, type FichePage } from './fiche-view.js';
import { addendumBody, callRefParam, ficheFormBody, type FicheInput } from './schema.js';
import { addendaOf, callWithFiche, type CallWithFiche } from './store.js';

const tokenOf = (value: unknown) => z.string().min(1).max(300).safeParse(value).data ?? null;

/** Notices after a redirect, by key: the page never echoes free text from the query string. */
const notices: Record<string, string> = {
  saved: 'Fiche enregistrée. Merci.',
  addendum: 'Addendum ajouté sous la fiche.',
};

/**
 * The fiche de régulation of a call (GET/POST /calls/:callId/fiche, POST …/fiche/addenda),
 * reached signed in or from the SMS link. Mounted before the login wall: the link's token (query
 * string or form field; never in the access log, which keeps paths only) is the credential for
 * that fiche and that doctor, so a link POST needs no CSRF token; a signed-in POST does.
 */
export function fichePages(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.db;
  const form = express.urlencoded({ extended: false });

  /** The call, and who looks at it; null: send them to the login form. */
  const load = async (req: Request, token: string | null) => {
    // Neither a link nor a session: the login form, before anything is looked up or told.
    if (token === null && !req.actor) return null;
    const ref = callRefParam.safeParse(req.params.callId);
    const c = ref.success ? await callWithFiche(db, ref.data) : null;
    if (!c) throw notFound('Appel');
    const viewer = viewerOf(deps.config, c, token, req.actor, deps.now());
    return viewer ? { c, viewer } : null;
  };
  const render = async (
    req: Request,
    res: Response,
    status: number,
    c: CallWithFiche,
    viewer: FicheViewer,
    token: string | null,
    extra: Partial<FichePage> = {},
  ) => {
    const csrf = viewer.by === 'actor' ? csrfToken(req) : undefined;
    const body = fichePageView({
      c,
      addenda: c.fiche ? await addendaOf(db, c.fiche.id) : [],
      canWrite: mayWriteFiche(viewer, c),
      auth: token ? { token } : { csrf },
      now: deps.now(),
      ...extra,
    });
    res
      .status(status)
      // The link's token must not leave in a Referer, nor the health data in a cache.
      .set('Referrer-Policy', 'no-referrer')
      .set('Cache-Control', 'no-store')
      .type('html')
      .send(
        page('Fiche de régulation', viewer.by === 'actor' ? viewer.actor : undefined, body, csrf),
      );
  };
  const toLogin = (req: Request, res: Response) =>
    res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
  const back = (c: CallWithFiche, done: string, token: string | null) =>
    `/calls/${c.call.id}/fiche?done=${done}${token ? `&token=${encodeURIComponent(token)}` : ''}`;

  router.get('/calls/:callId/fiche', async (req, res) => {
    const token = req.query.token === undefined ? null : (tokenOf(req.query.token) ?? '');
    const loaded = await load(req, token);
    if (!loaded) return void toLogin(req, res);
    await render(req, res, 200, loaded.c, loaded.viewer, token, {
      notice: notices[String(req.query.done ?? '')],
    });
  });

  /** A POST of the page: the link's token, or a session with its CSRF token. */
  const posted = async (req: Request) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const token = body.token === undefined ? null : (tokenOf(body.token) ?? '');
    const loaded = await load(req, token);
    // As requireCsrf: a session's form carries its CSRF token; a Bearer API token needs none.
    if (loaded && !token && req.authenticatedBy !== 'bearer' && !validCsrf(req))
      throw forbidden('Jeton CSRF absent ou invalide. Missing or invalid CSRF token.');
    if (loaded && !loaded.c.fiche) throw notFound('Fiche');
    // Who, then the lock, then the form: a manager is refused whatever they sent.
    if (loaded && !mayWriteFiche(loaded.viewer, loaded.c))
      throw forbidden(ficheRefusals.notRegulator);
    return loaded && { ...loaded, token, fiche: loaded.c.fiche! };
  };

  router.post('/calls/:callId/fiche', form, async (req, res) => {
    const p = await posted(req);
    if (!p) return void toLogin(req, res);
    const raw = (req.body ?? {}) as Record<string, unknown>;
    const sent: FicheFormValues = {
      reasonCode: String(raw.reasonCode ?? ''),
      reasonText: String(raw.reasonText ?? ''),
      decision: String(raw.decision ?? ''),
      prescription: String(raw.prescription ?? ''),
      prescriptionText: String(raw.prescriptionText ?? ''),
      decidedAt: String(raw.decidedAt ?? ''),
    };
    try {
      if (isLocked(p.fiche, deps.now())) throw conflict(ficheRefusals.locked);
      const f = ficheFormBody.parse(raw);
      const [date, time] = f.decidedAt.split('T') as [string, string];
      const at = localToInstant(date, time, p.c.territory.timeZone, 'earlier');
      if (!at.ok) throw badRequest(`Heure impossible : ${at.message}.`, { decidedAt: at.message });
      const input: FicheInput = {
        reasonCode: f.reasonCode,
        reasonText: f.reasonText,
        decision: f.decision,
        prescription: f.prescription === 'oui',
        prescriptionText: f.prescriptionText,
        decidedAt: at.instant,
      };
      await saveFiche(deps, writerOf(p.viewer), p.fiche.id, input);
      res.redirect(303, back(p.c, 'saved', p.token));
    } catch (err) {
      const refusal = refusalOf(err);
      if (!refusal) throw err;
      await render(req, res, refusal.status, p.c, p.viewer, p.token, {
        error: refusal.message,
        invalid: refusal.fields,
        sent,
      });
    }
  });

  router.post('/calls/:callId/fiche/addenda', form, async (req, res) => {
    const p = await posted(req);
    if (!p) return void toLogin(req, res);
    try {
      const { text } = addendumBody.parse(req.body ?? {});
      await addAddendum(deps, writerOf(p.viewer), p.fiche.id, text);
      res.redirect(303, back(p.c, 'addendum', p.token));
    } catch (err) {
      const refusal = refusalOf(err);
      if (!refusal) throw err;
      await render(req, res, refusal.status, p.c, p.viewer, p.token, {
        addendumError: refusal.message,
      });
    }
  });
  return router;
}
