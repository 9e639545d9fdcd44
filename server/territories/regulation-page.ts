import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { csrfToken, requireCsrf } from '../access/middleware.js';
import type { AppDeps } from '../platform/deps.js';
import { notFound } from '../platform/http-errors.js';
import { uuidParam } from '../platform/params.js';
import { fieldState, refusalOf, type Refusal } from '../web/form-refusal.js';
import { html } from '../web/html.js';
import { page } from '../web/layout.js';
import { managedTerritory, updateTerritory } from './commands.js';
import { regulationPatch } from './schema.js';
import type { TerritoryRow } from './store.js';

const form = express.urlencoded({ extended: false });
/** What the form posts, as typed: an empty field clears its value. */
const regulationForm = z.object({
  regulationMode: z.string().default(''),
  crraNumber: z.string().trim().default(''),
  regionalRegulationNumber: z.string().default('15'),
  conventionRef: z.string().trim().default(''),
  conventionSignedOn: z.string().trim().default(''),
  arsApprovedOn: z.string().trim().default(''),
});
type Typed = z.infer<typeof regulationForm>;

const typedOf = (t: TerritoryRow): Typed => ({
  regulationMode: t.regulationMode,
  crraNumber: t.crraNumber ?? '',
  regionalRegulationNumber: t.regionalRegulationNumber,
  conventionRef: t.conventionRef ?? '',
  conventionSignedOn: t.conventionSignedOn ?? '',
  arsApprovedOn: t.arsApprovedOn ?? '',
});

const orNull = (v: string) => (v === '' ? null : v);

/**
 * GET/POST /territories/:id/regulation: the territory's regulation mode and its details, for
 * its managers. The same command as PATCH /api/territories/:id (updateTerritory), so the same
 * rules: no plateforme without the convention's reference, signature and ARS approval.
 */
export function regulationPages(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.db;

  async function territoryOf(req: Request): Promise<TerritoryRow> {
    const id = uuidParam.safeParse(req.params.id);
    if (!id.success) throw notFound('Territoire');
    return managedTerritory(db, req.actor!, id.data);
  }

  function render(req: Request, res: Response, t: TerritoryRow, typed: Typed, refusal?: Refusal) {
    const csrf = csrfToken(req);
    const bad = refusal?.fields ?? [];
    const saved = req.query.saved === '1' && !refusal;
    const mode = (value: string, label: string) =>
      html`<label class="choice"><input type="radio" name="regulationMode" value="${value}" ${typed.regulationMode === value ? 'checked' : ''} ${fieldState('regulationMode', bad)}> ${label}</label>`;
    const text = (name: keyof Typed, label: string, type = 'text', hint = '') =>
      html`<label for="r-${name}">${label}</label>${hint ? html`<p class="muted" id="h-${name}">${hint}</p>` : ''}<input id="r-${name}" name="${name}" type="${type}" value="${typed[name]}" ${fieldState(name, bad, hint ? `h-${name}` : undefined)}>`;
    const body = html`<form class="card regulation-form" method="post" action="/territories/${t.id}/regulation">
${saved ? html`<p role="status" class="notice" data-testid="notice">Mode de régulation enregistré.</p>` : ''}
${refusal ? html`<p class="error" role="alert" id="form-error" data-testid="form-error">${refusal.message}</p>` : ''}
<input type="hidden" name="_csrf" value="${csrf}">
<fieldset><legend>Mode de régulation (CSP R6315-3)</legend>
${mode('centre15', 'Centre 15 (SAMU) : la ligne transfère au CRRA ou dit de composer le numéro régional ; elle ne fait jamais sonner un médecin.')}
${mode('plateforme', 'Plateforme interconnectée : le médecin de garde répond en régulateur (convention approuvée par l’ARS requise).')}
</fieldset>
${text('crraNumber', 'Numéro long du CRRA (centre 15)', 'tel', 'Numéro direct du centre de réception et de régulation des appels, au format 02 97 00 00 00. Le 15 lui-même ne peut pas être composé par la plateforme.')}
<label for="r-regionalRegulationNumber">Numéro régional de régulation</label><select id="r-regionalRegulationNumber" name="regionalRegulationNumber" ${fieldState('regionalRegulationNumber', bad)}>${(['15', '116117'] as const).map((n) => html`<option value="${n}" ${typed.regionalRegulationNumber === n ? 'selected' : ''}>${n === '15' ? '15' : '116 117'}</option>`)}</select>
<fieldset><legend>Convention d’interconnexion avec le SAMU</legend>
${text('conventionRef', 'Référence de la convention')}
${text('conventionSignedOn', 'Signée le', 'date')}
${text('arsApprovedOn', 'Approuvée par l’ARS le', 'date')}
</fieldset>
<p><button type="submit">Enregistrer</button></p></form>`;
    res
      .status(refusal?.status ?? 200)
      .type('html')
      .send(page(`Régulation · ${t.name}`, req.actor, body, csrf));
  }

  router.get('/territories/:id/regulation', async (req, res) => {
    const t = await territoryOf(req);
    render(req, res, t, typedOf(t));
  });

  router.post('/territories/:id/regulation', form, requireCsrf, async (req, res) => {
    const t = await territoryOf(req);
    const typed = regulationForm.parse(req.body ?? {});
    try {
      const patch = regulationPatch.parse({
        regulationMode: typed.regulationMode,
        crraNumber: orNull(typed.crraNumber),
        regionalRegulationNumber: typed.regionalRegulationNumber,
        conventionRef: orNull(typed.conventionRef),
        conventionSignedOn: orNull(typed.conventionSignedOn),
        arsApprovedOn: orNull(typed.arsApprovedOn),
      });
      await updateTerritory(db, req.actor!, t.id, patch, deps.now());
      res.redirect(303, `/territories/${t.id}/regulation?saved=1`);
    } catch (err) {
      const refusal = refusalOf(err);
      if (!refusal) throw err;
      render(req, res, t, typed, refusal);
    }
  });
  return router;
}
