import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../../platform/deps.js';
import { forbidden } from '../../platform/http-errors.js';
import { acceptInvitation, changePassword, deactivateAccount } from './commands.js';
import { inviteManager, inviteProfessional } from './invitations.js';
import { manageableAccount, resetPassword } from './reset.js';
import { seesAccounts } from './rules.js';
import { accountsVisibleTo, presentAccount } from './queries.js';
import {
  acceptInvitation as acceptSchema,
  newManager,
  passwordChange,
  professionalInvitation,
  resetRequest,
} from './schema.js';

const accountId = (req: { params: Record<string, string | undefined> }) =>
  z.string().uuid('identifiant invalide').parse(req.params.id);

/** POST /api/invitations/accept: anonymous, the link's token is the credential. */
export function invitationApiRouter(deps: AppDeps): Router {
  const router = Router();
  router.post('/invitations/accept', async (req, res) => {
    const { token, password } = acceptSchema.parse(req.body ?? {});
    const { email } = await acceptInvitation(deps, token, password);
    res.json({ ok: true, email });
  });
  return router;
}

/**
 * Accounts (authenticated; the rules are in the commands, and the role is checked before the
 * body is read, so that a refusal never depends on what was sent):
 * GET /api/accounts (admin: all; manager: their territories'; professional: 403),
 * POST /api/accounts/managers (admin), POST /api/accounts/professionals (manager of the
 * professional's territory, admin), POST /api/accounts/:id/reset and /deactivate (admin: anyone
 * but themself; manager: professionals of their territories), PUT /api/account/password (anyone,
 * from a session, with the current password).
 */
export function accountsApiRouter(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.db;
  // Who may comes before what was sent: a professional gets 403 whatever the body.
  router.use('/accounts', (req, _res, next) =>
    next(seesAccounts(req.actor!) ? undefined : forbidden()),
  );
  router.get('/accounts', async (req, res) => {
    res.json({ accounts: (await accountsVisibleTo(db, req.actor!)).map(presentAccount) });
  });
  router.post('/accounts/managers', async (req, res) => {
    if (req.actor!.role !== 'admin')
      throw forbidden('Seule l’administration crée des coordinateurs.');
    const invited = await inviteManager(deps, req.actor!, newManager.parse(req.body ?? {}));
    res.status(201).json(invited);
  });
  router.post('/accounts/professionals', async (req, res) => {
    const input = professionalInvitation.parse(req.body ?? {});
    res.status(201).json(await inviteProfessional(deps, req.actor!, input));
  });
  router.post('/accounts/:id/reset', async (req, res) => {
    await manageableAccount(db, req.actor!, accountId(req));
    const { channels } = resetRequest.parse(req.body ?? {});
    res.json(await resetPassword(deps, req.actor!, accountId(req), channels));
  });
  router.post('/accounts/:id/deactivate', async (req, res) => {
    await deactivateAccount(deps, req.actor!, accountId(req));
    res.json({ ok: true });
  });
  router.put('/account/password', async (req, res) => {
    // A token cannot change the password of the person it belongs to.
    if (req.actor!.viaToken) throw forbidden('Depuis une session uniquement. Session only.');
    await changePassword(deps, req.actor!, passwordChange.parse(req.body ?? {}), req.sessionID);
    res.json({ ok: true });
  });
  return router;
}
