import express, { Router, type Request, type Response } from 'express';
import { csrfToken, requireCsrf } from '../access/middleware.js';
import { specialtyLabel } from '../directory/national/codes.js';
import type { AppDeps } from '../platform/deps.js';
import { refusalOf, type Refusal } from '../web/form-refusal.js';
import { html } from '../web/html.js';
import { page } from '../web/layout.js';
import { createAdviceOffer, deleteAdviceOffer, updateAdviceOffer } from './offer-commands.js';
import {
  offerFields,
  offerForm,
  offerInputOf,
  windowLines,
  type OfferFields,
} from './offer-form.js';
import { avisRequestsPage } from './requests-page.js';
import { idParam } from './schema.js';
import { offersReadableBy } from './listing-store.js';

const blank: OfferFields = { specialty: '', windows: '', directLine: '', deadlineHours: '48' };

/**
 * /advice: a specialist declares the advice they give on the professionals' line (specialty,
 * weekly windows, direct line, deadline); a manager sees and can remove the territory's offers.
 */
export function advicePages(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.db;
  const form = express.urlencoded({ extended: false });

  const render = async (
    req: Request,
    res: Response,
    status = 200,
    failed?: { action: string; fields: OfferFields; refusal: Refusal },
  ) => {
    const actor = req.actor!;
    const csrf = csrfToken(req);
    const { own, offers } = await offersReadableBy(db, actor);
    const offered = new Set(
      offers.filter((o) => o.entryId === own?.id).map((o) => o.specialtyCode),
    );
    const free = (own?.specialtyCodes ?? []).filter((c) => !offered.has(c));
    const formFor = (
      action: string,
      fields: OfferFields,
      extra: { specialties?: string[]; submit: string },
    ) =>
      failed?.action === action
        ? offerForm(action, failed.fields, { csrf, refusal: failed.refusal, ...extra })
        : offerForm(action, fields, { csrf, ...extra });
    const body = html`<p>La ligne des professionnels sonne les spécialistes dont un créneau est ouvert ; sans réponse, le médecin laisse une demande d’avis, à rappeler avant le délai. <a href="/advice/requests">Demandes d’avis</a></p>
${offers.length === 0 ? html`<p class="muted">Aucun avis proposé.</p>` : ''}
${offers.map(
  (
    o,
  ) => html`<section class="advice-offer" aria-label="${specialtyLabel(o.specialtyCode)} · ${o.specialist}"><h2>${specialtyLabel(o.specialtyCode)} · ${o.specialist}</h2>
${formFor(`/advice/offers/${o.id}`, { specialty: o.specialtyCode, windows: windowLines(o.windows), directLine: o.directLine ?? '', deadlineHours: String(o.deadlineHours) }, { submit: 'Enregistrer' })}
<form method="post" action="/advice/offers/${o.id}/delete"><input type="hidden" name="_csrf" value="${csrf}"><button class="secondary" type="submit">Retirer cette offre</button></form></section>`,
)}
${free.length ? html`<h2>Proposer un avis</h2>${formFor('/advice/offers', { ...blank, specialty: free[0]! }, { specialties: free, submit: 'Proposer' })}` : ''}`;
    res
      .status(status)
      .type('html')
      .send(page('Avis entre professionnels', actor, body, csrf));
  };

  router.get('/advice', (req, res) => render(req, res));
  const attempt =
    (
      write: (req: Request, fields: OfferFields) => Promise<unknown>,
      action: (req: Request) => string,
    ) =>
    async (req: Request, res: Response) => {
      const fields = offerFields.parse(req.body ?? {});
      try {
        await write(req, fields);
        res.redirect(303, '/advice');
      } catch (err) {
        const refusal = refusalOf(err);
        if (!refusal) throw err;
        await render(req, res, refusal.status, { action: action(req), fields, refusal });
      }
    };
  router.post(
    '/advice/offers',
    form,
    requireCsrf,
    attempt(
      (req, fields) => createAdviceOffer(db, req.actor!, offerInputOf(fields)),
      () => '/advice/offers',
    ),
  );
  router.post(
    '/advice/offers/:id',
    form,
    requireCsrf,
    attempt(
      (req, fields) =>
        updateAdviceOffer(db, req.actor!, idParam.parse(req.params.id), offerInputOf(fields)),
      (req) => `/advice/offers/${String(req.params.id)}`,
    ),
  );
  router.post('/advice/offers/:id/delete', form, requireCsrf, async (req, res) => {
    await deleteAdviceOffer(db, req.actor!, idParam.parse(req.params.id));
    res.redirect(303, '/advice');
  });
  router.use(avisRequestsPage(deps));
  return router;
}
