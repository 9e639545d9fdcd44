import express, { Router, type Request, type Response } from 'express';
import { csrfToken, requireCsrf } from '../../access/middleware.js';
import type { AppDeps } from '../../platform/deps.js';
import { notFound } from '../../platform/http-errors.js';
import { uuidParam } from '../../platform/params.js';
import { managedService, updateService } from '../../territories/commands.js';
import { servicePatch } from '../../territories/schema.js';
import { html } from '../../web/html.js';
import { page } from '../../web/layout.js';
import { managedServiceChoice, planningLinks, servicePicker } from '../planning-nav.js';
import {
  blankSlot,
  fieldsOfSlot,
  keptRows,
  rowRefusals,
  slotFieldsOf,
  templateForm,
  templateOf,
  type SlotFields,
} from './template-form.js';

const form = express.urlencoded({ extended: false });

/**
 * GET/POST /rota/template: a service's weekly shift template, edited row by row. The POST saves
 * through `updateService`, the command of PATCH /api/services/:id, after the API's own schema;
 * a refusal keeps the rows as typed and says, in French, which row and why.
 */
export function templatePages(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.db;

  async function render(
    req: Request,
    res: Response,
    serviceId: unknown,
    typed?: SlotFields[],
    refusals?: Map<number, string[]>,
  ) {
    const { managed, chosen } = await managedServiceChoice(db, req.actor!, serviceId);
    const rows = typed ?? [...chosen.service.template.map(fieldsOfSlot), { ...blankSlot }];
    const saved = req.query.saved === '1' && !refusals;
    const body = html`${planningLinks('template')}${servicePicker('/rota/template', { managed, chosen })}
${saved ? html`<p role="status" class="notice" data-testid="notice">Modèle enregistré.</p>` : ''}
<p class="muted">Les créneaux que le remplissage automatique propose et que les trous de garde mesurent, jour par jour.</p>
${templateForm({ serviceId: chosen.service.id, csrf: csrfToken(req), rows, refusals })}`;
    res
      .status(refusals ? 400 : 200)
      .type('html')
      .send(page(`Modèle de garde · ${chosen.service.name}`, req.actor, body, csrfToken(req)));
  }

  router.get('/rota/template', (req, res) => render(req, res, req.query.service));

  router.post('/rota/template', form, requireCsrf, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    // The service written is the one named, or none (404/403): never a fallback.
    const id = uuidParam.safeParse(body.service).data;
    if (!id) throw notFound('Service');
    const service = await managedService(db, req.actor!, id);
    const rows = slotFieldsOf(body);
    const kept = keptRows(rows);
    try {
      const patch = servicePatch.parse({ template: templateOf(kept) });
      await updateService(db, req.actor!, service.id, patch);
      res.redirect(303, `/rota/template?service=${service.id}&saved=1`);
    } catch (err) {
      const refusals = rowRefusals(err, kept);
      if (!refusals) throw err;
      // The spare row stays last, so another slot can still be added after fixing.
      const last = rows.at(-1);
      const spare = last && !last.name && !last.start && !last.end ? [] : [{ ...blankSlot }];
      await render(req, res, service.id, [...rows, ...spare], refusals);
    }
  });
  return router;
}
