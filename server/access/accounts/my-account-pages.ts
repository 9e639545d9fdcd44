import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../../platform/deps.js';
import { territoriesReadableBy } from '../../territories/store.js';
import {
  noticePreferencesSection,
  saveNoticePreferences,
} from '../../planning/swaps/notice-preferences.js';
import { refusalOf } from '../../web/form-refusal.js';
import { html, type Html } from '../../web/html.js';
import { hiddenHeader, page } from '../../web/layout.js';
import { csrfToken, requireCsrf } from '../middleware.js';
import { createToken, mayHoldTokens, revokeToken } from '../tokens/commands.js';
import { newToken } from '../tokens/schema.js';
import { tokensOf } from '../tokens/store.js';
import { changePassword } from './commands.js';
import { minPasswordLength } from './password-policy.js';
import { passwordChange } from './schema.js';

const when = (d: Date | null) =>
  d
    ? d.toLocaleString('fr-FR', {
        timeZone: 'Europe/Paris',
        dateStyle: 'short',
        timeStyle: 'short',
      })
    : 'jamais';

/**
 * GET /account (anyone logged in): change one's password; managers and admins also list, create
 * and revoke their API tokens; everyone chooses how swap notices reach them. POST
 * /account/password, /account/notices, /account/tokens, /account/tokens/:id/revoke.
 */
export function myAccountPages(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.db;
  const form = express.urlencoded({ extended: false });

  const render = async (req: Request, res: Response, status: number, notice?: Html) => {
    const actor = req.actor!;
    const csrf = csrfToken(req);
    const hidden = html`<input type="hidden" name="_csrf" value="${csrf}">`;
    const password = html`<form method="post" action="/account/password" class="card mw-28"><h2>Changer mon mot de passe</h2>${hidden}
<input type="text" name="username" value="${actor.email}" autocomplete="username" hidden>
<label for="current">Mot de passe actuel</label><input id="current" name="currentPassword" type="password" autocomplete="current-password" required class="wide">
<label for="new">Nouveau mot de passe (${minPasswordLength} caractères au moins)</label><input id="new" name="newPassword" type="password" autocomplete="new-password" required class="wide">
<p><button type="submit">Changer le mot de passe</button></p></form>`;
    const notices = await noticePreferencesSection(deps, actor, hidden);
    let tokens: Html | string = '';
    if (mayHoldTokens(actor)) {
      const rows = await tokensOf(db, actor.userId);
      const territories = await territoriesReadableBy(db, actor);
      tokens = html`<h2>Mes jetons API</h2>
<table><thead><tr><th scope="col">Nom</th><th scope="col">Territoire</th><th scope="col">Créé</th><th scope="col">Dernier usage</th>${hiddenHeader('Révoquer')}</tr></thead><tbody>
${rows.map((t) => html`<tr><td>${t.name}</td><td>${t.territoryName ?? 'tous'}</td><td>${when(t.createdAt)}</td><td>${when(t.lastUsedAt)}</td><td><form method="post" action="/account/tokens/${t.id}/revoke" class="m-0">${hidden}<button class="secondary" type="submit" aria-label="Révoquer le jeton ${t.name}">Révoquer</button></form></td></tr>`)}</tbody></table>
<form method="post" action="/account/tokens" class="card mw-28"><h3>Nouveau jeton</h3>${hidden}
<label for="t-name">Nom (à quoi il sert)</label><input id="t-name" name="name" required class="wide">
<label for="t-territory">Territoire</label><select id="t-territory" name="territoryId">${territories.map((t) => html`<option value="${t.id}">${t.name}</option>`)}</select>
<p><button type="submit">Créer le jeton</button></p></form>`;
    }
    res
      .status(status)
      .set('Cache-Control', 'no-store')
      .type('html')
      .send(page('Mon compte', actor, html`${notice ?? ''}${password}${notices}${tokens}`, csrf));
  };
  const attempt = async (req: Request, res: Response, work: () => Promise<Html>) => {
    try {
      await render(req, res, 200, await work());
    } catch (err) {
      const refusal = refusalOf(err);
      if (!refusal) throw err;
      await render(
        req,
        res,
        refusal.status,
        html`<p class="error" role="alert">${refusal.message}</p>`,
      );
    }
  };

  router.get('/account', async (req, res) => render(req, res, 200));
  router.post('/account/password', form, requireCsrf, async (req, res) => {
    await attempt(req, res, async () => {
      await changePassword(deps, req.actor!, passwordChange.parse(req.body ?? {}), req.sessionID);
      return html`<p role="status">Mot de passe changé. Vos autres sessions sont fermées.</p>`;
    });
  });
  router.post('/account/notices', form, requireCsrf, async (req, res) => {
    await attempt(req, res, async () => {
      await saveNoticePreferences(deps, req.actor!, req.body);
      return html`<p role="status">Vos choix d’avis sont enregistrés.</p>`;
    });
  });
  router.post('/account/tokens', form, requireCsrf, async (req, res) => {
    await attempt(req, res, async () => {
      const { token } = await createToken(db, req.actor!, newToken.parse(req.body ?? {}));
      // Shown this once: only its SHA-256 is kept.
      return html`<div class="card" role="status"><p>Jeton créé. Copiez-le maintenant : il ne sera plus affiché.</p><p><code id="new-token">${token}</code></p></div>`;
    });
  });
  router.post('/account/tokens/:id/revoke', form, requireCsrf, async (req, res) => {
    const id = z.string().uuid('identifiant invalide').parse(req.params.id);
    await attempt(req, res, async () => {
      await revokeToken(db, req.actor!, id);
      return html`<p role="status">Jeton révoqué.</p>`;
    });
  });
  return router;
}
