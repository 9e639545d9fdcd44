import express, { Router } from 'express';
import { asc, eq, inArray } from 'drizzle-orm';
import { recordAudit } from '../../../db/repositories/audit.js';
import { professionals } from '../../../db/schema/index.js';
import { canManageTerritory, type Actor, auditActorOf } from '../../auth/actor.js';
import { csrfToken, requireCsrf } from '../../auth/middleware.js';
import type { AppDeps } from '../../deps.js';
import { forbidden, HttpError } from '../../http-errors.js';
import { toE164 } from '../../phone-numbers.js';
import { shownNumber } from '../api/calls.js';
import { html } from './html.js';
import { page } from './layout.js';

type Row = typeof professionals.$inferSelect;
const canEdit = (actor: Actor, p: Row) => canManageTerritory(actor, p.territoryId) || actor.professionalId === p.id;

/** The directory of professionals; managers edit anyone of their territories, a professional only themself. */
export function directoryPage(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.db;
  const load = async (actor: Actor, id: string) => {
    const [p] = await db.select().from(professionals).where(eq(professionals.id, id));
    if (!p) throw new HttpError(404, 'not_found', 'Professionnel introuvable');
    if (!canEdit(actor, p)) throw forbidden('Vous ne pouvez modifier que votre propre fiche.');
    return p;
  };
  const form = (p: Row, csrf: string, error?: string) => html`<form method="post" action="/professionals/${p.id}/edit" class="card" style="max-width:32rem">
${error ? html`<p class="error" role="alert">${error}</p>` : ''}<input type="hidden" name="_csrf" value="${csrf}">
<label for="name">Nom</label><input id="name" name="name" value="${p.name}" required style="width:100%">
<label for="mobile">Mobile</label><input id="mobile" name="mobile" value="${p.mobile}" inputmode="tel" required>
<label for="languages">Langues (séparées par des virgules)</label><input id="languages" name="languages" value="${p.languages.join(', ')}">
<p><button type="submit">Enregistrer</button></p></form>`;

  router.get('/professionals', async (req, res) => {
    const actor = req.actor!;
    const rows = await db.select().from(professionals)
      .where(actor.role === 'admin' ? undefined : inArray(professionals.territoryId, actor.territoryIds.length ? actor.territoryIds : ['00000000-0000-4000-8000-000000000000']))
      .orderBy(asc(professionals.name));
    const body = html`<table><thead><tr><th>Nom</th><th>Profession</th><th>Mobile</th><th>Langues</th><th></th></tr></thead><tbody>
${rows.map((p) => html`<tr><td>${p.name}</td><td>${p.profession}</td><td>${shownNumber(actor, p.mobile)}</td><td>${p.languages.join(', ')}</td><td>${canEdit(actor, p) ? html`<a href="/professionals/${p.id}/edit">Modifier</a>` : ''}</td></tr>`)}</tbody></table>`;
    res.type('html').send(page('Annuaire', actor, body, csrfToken(req)));
  });
  router.get('/professionals/:id/edit', async (req, res) => {
    const p = await load(req.actor!, String(req.params.id));
    res.type('html').send(page(`Fiche · ${p.name}`, req.actor, form(p, csrfToken(req)), csrfToken(req)));
  });
  router.post('/professionals/:id/edit', express.urlencoded({ extended: false }), requireCsrf, async (req, res) => {
    const actor = req.actor!;
    const p = await load(actor, String(req.params.id));
    const body = req.body as Record<string, string>;
    const mobile = toE164(String(body.mobile ?? ''));
    const name = String(body.name ?? '').trim();
    if (!mobile || name.length < 2) {
      const error = !mobile ? `« ${body.mobile ?? ''} » n'est pas un numéro de mobile valide (ex. 06 12 34 56 78).` : 'Le nom est requis.';
      return void res.status(400).type('html').send(page(`Fiche · ${p.name}`, actor, form({ ...p, name, mobile: String(body.mobile ?? '') }, csrfToken(req), error), csrfToken(req)));
    }
    const languages = String(body.languages ?? 'fr').split(',').map((l) => l.trim()).filter(Boolean);
    await db.transaction(async (tx) => {
      const [after] = await tx.update(professionals).set({ name, mobile, languages: languages.length ? languages : ['fr'] }).where(eq(professionals.id, p.id)).returning();
      await recordAudit(tx, auditActorOf(actor), { action: 'professional.update', entity: 'professional', entityId: p.id, territoryId: p.territoryId, before: p, after });
    });
    res.redirect(303, '/professionals');
  });
  return router;
}
