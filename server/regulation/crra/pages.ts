import express, { Router, type Request, type Response } from 'express';
import { csrfToken, requireCsrf } from '../../access/middleware.js';
import type { AppDeps } from '../../platform/deps.js';
import { notFound } from '../../platform/http-errors.js';
import { refusalOf, type Refusal } from '../../web/form-refusal.js';
import { html } from '../../web/html.js';
import { page } from '../../web/layout.js';
import { handoffCallFor, handoffRefusal, handOffToCrra } from './commands.js';
import { callRef, handoffConfirmation, type CallRef } from './schema.js';
import { wasHandedOff, type HandoffCall } from './store.js';

const form = express.urlencoded({ extended: false });
const spoken = (e164: string) =>
  (e164.startsWith('+33') ? `0${e164.slice(3)}` : e164).replace(/(\d{2})(?=\d)/g, '$1 ');

/**
 * GET/POST /calls/:callId/crra: "Transférer au 15 (CRRA)", with a confirmation, for the
 * régulateur of a live call (the fiche de régulation links here) and the territory's managers.
 * The same command as POST /api/calls/:callId/crra-handoff.
 */
export function crraPages(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.db;

  const refOf = (req: Request): CallRef => {
    const ref = callRef.safeParse(req.params.callId);
    if (!ref.success) throw notFound('Appel');
    return ref.data;
  };

  async function render(req: Request, res: Response, call: HandoffCall, refusal?: Refusal) {
    const csrf = csrfToken(req);
    const done = req.query.done === '1' && !refusal;
    const blocked = done ? null : handoffRefusal(call, await wasHandedOff(db, call.callSid));
    const started = new Intl.DateTimeFormat('fr-FR', {
      timeZone: call.territory?.timeZone ?? 'Europe/Paris',
      timeStyle: 'short',
    }).format(call.startedAt);
    const body = html`<section class="card crra-handoff">
<p>Appel reçu à ${started}${call.territory ? html` sur la ligne du ${call.territory.name}` : ''}.</p>
${done ? html`<p role="status" class="notice" data-testid="notice">Le patient est transféré à la régulation du 15 (CRRA). Vous pouvez raccrocher.</p>` : ''}
${refusal ? html`<p class="error" role="alert" id="form-error" data-testid="form-error">${refusal.message}</p>` : ''}
${
  blocked
    ? html`<p class="muted" data-testid="blocked">${blocked}</p>`
    : done
      ? ''
      : html`<p>Le patient quittera votre appel et sera mis en relation avec le CRRA au ${spoken(call.territory!.crraNumber!)}. S'il ne répond pas, le patient entendra de composer le ${call.territory!.regionalRegulationNumber === '116117' ? '116 117' : '15'}.</p>
<form method="post" action="/calls/${req.params.callId}/crra"><input type="hidden" name="_csrf" value="${csrf}">
<p><label class="choice"><input type="checkbox" name="confirm" value="oui" required ${refusal ? html`aria-invalid="true" aria-describedby="form-error"` : ''}> Je confirme le transfert du patient au 15</label></p>
<p><button type="submit" class="danger">Transférer au 15 (CRRA)</button></p></form>`
}</section>`;
    res
      .status(refusal?.status ?? 200)
      .type('html')
      .send(page('Transférer au 15 (CRRA)', req.actor, body, csrf));
  }

  router.get('/calls/:callId/crra', async (req, res) => {
    const call = await handoffCallFor(deps, req.actor!, refOf(req));
    await render(req, res, call);
  });

  router.post('/calls/:callId/crra', form, requireCsrf, async (req, res) => {
    const ref = refOf(req);
    const call = await handoffCallFor(deps, req.actor!, ref);
    try {
      handoffConfirmation.parse(req.body ?? {});
      await handOffToCrra(deps, req.actor!, ref);
      res.redirect(303, `/calls/${req.params.callId}/crra?done=1`);
    } catch (err) {
      const refusal = refusalOf(err);
      if (!refusal) throw err;
      await render(req, res, call, refusal);
    }
  });
  return router;
}
