import express, { Router, type Response } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../../platform/deps.js';
import { HttpError } from '../../platform/http-errors.js';
import { html } from '../../web/html.js';
import { page } from '../../web/layout.js';
import { acceptInvitation } from './commands.js';
import { minPasswordLength } from './password-policy.js';
import { pendingInvitation } from './queries.js';

const tokenOf = (value: unknown) => z.string().min(20).max(200).safeParse(value).data ?? null;

const form = (token: string, who: { name: string; email: string }, error?: string) => html`
<form method="post" action="/invitation" class="card mw-28">
  ${error ? html`<p class="error" role="alert">${error}</p>` : ''}
  <p>Bonjour ${who.name}, choisissez le mot de passe de votre compte <strong>${who.email}</strong>.</p>
  <p class="muted">Au moins ${minPasswordLength} caractères ; une phrase de plusieurs mots est plus sûre et plus facile à retenir. At least ${minPasswordLength} characters.</p>
  <input type="hidden" name="token" value="${token}">
  <input type="text" name="username" value="${who.email}" autocomplete="username" hidden>
  <label for="password">Nouveau mot de passe</label><input id="password" name="password" type="password" autocomplete="new-password" minlength="${minPasswordLength}" required class="wide">
  <label for="confirm">Confirmez le mot de passe</label><input id="confirm" name="confirm" type="password" autocomplete="new-password" required class="wide">
  <p><button type="submit">Enregistrer mon mot de passe</button></p>
</form>`;

const invalid = html`<p class="error" role="alert">Ce lien n’est plus valable (déjà utilisé ou expiré). Demandez-en un nouveau à votre coordination.</p><p class="muted">This link is no longer valid: ask your coordinator for a new one.</p>`;

/**
 * GET /invitation?token=… and POST /invitation: anonymous (the link's token is the credential,
 * so no CSRF token or session is needed, and none is created). The token sits in the query
 * string, which the access log leaves out, and no Referer carries it away.
 */
export function invitationPages(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.db;
  const send = (res: Response, status: number, body: ReturnType<typeof html>) =>
    res
      .status(status)
      .set('Referrer-Policy', 'no-referrer')
      .set('Cache-Control', 'no-store')
      .type('html')
      .send(page('Votre compte gardeline', undefined, body));

  router.get('/invitation', async (req, res) => {
    const token = tokenOf(req.query.token);
    const who = token ? await pendingInvitation(db, token, deps.now()) : null;
    if (!token || !who) return void send(res, 410, invalid);
    send(res, 200, form(token, who));
  });
  router.post('/invitation', express.urlencoded({ extended: false }), async (req, res) => {
    const body = req.body as Record<string, unknown>;
    const token = tokenOf(body.token);
    const who = token ? await pendingInvitation(db, token, deps.now()) : null;
    if (!token || !who) return void send(res, 410, invalid);
    const password = String(body.password ?? '');
    if (password !== String(body.confirm ?? ''))
      return void send(res, 400, form(token, who, 'Les deux mots de passe diffèrent.'));
    try {
      await acceptInvitation(deps, token, password);
    } catch (err) {
      if (err instanceof HttpError && err.status === 400)
        return void send(res, 400, form(token, who, err.message));
      if (err instanceof HttpError && err.status === 410) return void send(res, 410, invalid);
      throw err;
    }
    send(
      res,
      200,
      html`<p role="status">Votre mot de passe est enregistré.</p><p><a class="button" href="/login">Se connecter</a></p>`,
    );
  });
  return router;
}
