import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../../platform/deps.js';
import { forbidden } from '../../platform/http-errors.js';
import { professionalsReadableBy } from '../../directory/store.js';
import { territoriesReadableBy } from '../../territories/store.js';
import { refusalOf } from '../../web/form-refusal.js';
import { html } from '../../web/html.js';
import { page } from '../../web/layout.js';
import { canManageTerritory } from '../actor.js';
import { csrfToken, requireCsrf } from '../middleware.js';
import { accountsView } from './accounts-view.js';
import { deactivateAccount } from './commands.js';
import { inviteManager, inviteProfessional, type Invited } from './invitations.js';
import { manageableAccount, resetPassword } from './reset.js';
import { accountsVisibleTo } from './queries.js';
import { canManageAccount, seesAccounts } from './rules.js';
import { newManager, professionalInvitation, resetRequest } from './schema.js';

const list = (value: unknown) =>
  value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)];
const channelNames = { sms: 'SMS', email: 'e-mail' } as const;
const sentNotice = (who: string, { sent }: Invited) =>
  sent.length
    ? `Lien envoyé à ${who} par ${sent.map((c) => channelNames[c]).join(' et ')} (valable 72 h).`
    : `Compte prêt pour ${who}, mais le lien n’a pas pu partir : réinitialisez pour le renvoyer.`;

/**
 * GET /accounts (admins: every account; managers: their territories'); POST
 * /accounts/managers (admin), /accounts/professionals (manager of the professional's
 * territory, admin), /accounts/:id/reset and /accounts/:id/deactivate (see `canManageAccount`).
 */
export function accountsPages(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.db;
  const form = express.urlencoded({ extended: false });

  const render = async (
    req: Request,
    res: Response,
    status: number,
    message?: string,
    error = false,
  ) => {
    const actor = req.actor!;
    if (!seesAccounts(actor)) throw forbidden('Réservé à la coordination.');
    const accounts = await accountsVisibleTo(db, actor);
    const linked = new Set(accounts.map((a) => a.professionalId));
    const invitable = (await professionalsReadableBy(db, actor)).filter(
      (p) => p.active && !linked.has(p.id) && canManageTerritory(actor, p.territoryId),
    );
    const body = accountsView(
      actor,
      csrfToken(req),
      {
        accounts,
        territories: await territoriesReadableBy(db, actor),
        invitable,
        manageable: (a) => canManageAccount(actor, a),
      },
      message
        ? html`<p class="${error ? 'error' : ''}" role="${error ? 'alert' : 'status'}">${message}</p>`
        : undefined,
    );
    res
      .status(status)
      .type('html')
      .send(page('Comptes', actor, body, csrfToken(req)));
  };
  // A refusal the person can act on (bad input, already taken) is shown on the page; others go on.
  const attempt = async (req: Request, res: Response, work: () => Promise<string>) => {
    try {
      await render(req, res, 200, await work());
    } catch (err) {
      const refusal = refusalOf(err);
      if (!refusal) throw err;
      await render(req, res, refusal.status, refusal.message, true);
    }
  };
  const id = (req: Request) => z.string().uuid('identifiant invalide').parse(req.params.id);

  router.use('/accounts', (req, _res, next) =>
    next(seesAccounts(req.actor!) ? undefined : forbidden('Réservé à la coordination.')),
  );
  router.get('/accounts', async (req, res) => render(req, res, 200));
  router.post('/accounts/managers', form, requireCsrf, async (req, res) => {
    if (req.actor!.role !== 'admin')
      throw forbidden('Seule l’administration crée des coordinateurs.');
    const body = req.body as Record<string, unknown>;
    await attempt(req, res, async () => {
      const input = newManager.parse({
        ...body,
        mobile: body.mobile ? body.mobile : undefined,
        territoryIds: list(body.territoryIds),
        channels: body.channels === undefined ? undefined : list(body.channels),
      });
      return sentNotice(input.name, await inviteManager(deps, req.actor!, input));
    });
  });
  router.post('/accounts/professionals', form, requireCsrf, async (req, res) => {
    const body = req.body as Record<string, unknown>;
    await attempt(req, res, async () => {
      const input = professionalInvitation.parse({
        professionalId: body.professionalId,
        email: body.email ? body.email : undefined,
        channels: list(body.channels),
      });
      return sentNotice('le professionnel', await inviteProfessional(deps, req.actor!, input));
    });
  });
  router.post('/accounts/:id/reset', form, requireCsrf, async (req, res) => {
    const userId = id(req);
    await manageableAccount(db, req.actor!, userId);
    await attempt(req, res, async () => {
      const { channels } = resetRequest.parse({
        channels: list((req.body as Record<string, unknown>).channels),
      });
      return sentNotice('la personne', await resetPassword(deps, req.actor!, userId, channels));
    });
  });
  router.post('/accounts/:id/deactivate', form, requireCsrf, async (req, res) => {
    const userId = id(req);
    await attempt(req, res, async () => {
      await deactivateAccount(deps, req.actor!, userId);
      return 'Compte désactivé : ses sessions, jetons et agenda iCal ne fonctionnent plus.';
    });
  });
  return router;
}
