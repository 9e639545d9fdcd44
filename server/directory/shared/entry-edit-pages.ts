import express, { Router, type Request, type Response } from 'express';
import { canManageTerritory, type Actor } from '../../access/actor.js';
import { csrfToken, requireCsrf } from '../../access/middleware.js';
import type { AppDeps } from '../../platform/deps.js';
import { forbidden, notFound } from '../../platform/http-errors.js';
import { uuidParam } from '../../platform/params.js';
import { html } from '../../web/html.js';
import { refusalOf, type Refusal } from '../../web/form-refusal.js';
import { page } from '../../web/layout.js';
import { updateDirectoryEntry, type EntryTarget } from './commands.js';
import {
  entryFields,
  entryForm,
  fieldsOfEntry,
  patchOfFields,
  type EntryFields,
} from './entry-form.js';
import { presentEntry, type PresentedEntry } from './presenter.js';
import { entryLocalPatch } from './schema.js';
import { professionalsReadableBy } from '../store.js';
import { directoryEntriesFor, entryIdOfProfessional } from './store.js';

/** An entry in its edit form: with the choices only its person and its managers read. */
type EditedEntry = PresentedEntry & {
  visibility: 'professionals' | 'hidden';
  professionalId: string | null;
};

/**
 * A professional's own entry (/directory/me) and a manager's edit of any entry of their territory
 * (/directory/entries/:id/edit): the same form, the same command (`updateDirectoryEntry`) as
 * PATCH /api/directory/me and /api/directory/entries/:id.
 */
export function entryEditPages(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.db;
  const form = express.urlencoded({ extended: false });

  /** The entry the form edits, as the actor reads it; 404 unread, 403 read but not theirs. */
  const load = async (actor: Actor, target: EntryTarget): Promise<EditedEntry | null> => {
    const id =
      'entryId' in target
        ? target.entryId
        : actor.professionalId && (await entryIdOfProfessional(db, actor.professionalId));
    if (!id) return null;
    const [row] = (await directoryEntriesFor(db, actor, { id })).entries;
    if (!row) throw notFound('Fiche');
    const entry = presentEntry(actor, row);
    if (!entry.editable) throw forbidden('Vous ne pouvez modifier que votre propre fiche.');
    return {
      ...entry,
      visibility: row.visibility,
      optIns: row.optIns,
      professionalId: row.professionalId,
    };
  };

  const render = async (
    req: Request,
    res: Response,
    status: number,
    action: string,
    entry: EditedEntry,
    fields: EntryFields,
    refusal?: Refusal,
  ) => {
    const actor = req.actor!;
    // Managers link the entry to one of the territory's on-call professionals (and their login).
    const professionals = canManageTerritory(actor, entry.territoryId)
      ? (await professionalsReadableBy(db, actor))
          .filter((p) => p.territoryId === entry.territoryId)
          .map((p) => ({ id: p.id, name: p.name }))
      : undefined;
    res
      .status(status)
      .type('html')
      .send(
        page(
          entry.mine ? 'Ma fiche de l’annuaire' : 'Coordonnées dans l’annuaire',
          actor,
          entryForm(action, entry, fields, {
            csrf: csrfToken(req),
            error: refusal?.message,
            invalid: refusal?.fields,
            professionals,
          }),
          csrfToken(req),
        ),
      );
  };

  const noEntry = (req: Request, res: Response) =>
    res
      .type('html')
      .send(
        page(
          'Ma fiche de l’annuaire',
          req.actor,
          html`<p>Votre compte n’est relié à aucune fiche de l’annuaire. La coordination du territoire peut la relier à votre fiche de l’Annuaire Santé.</p><p><a href="/directory">Retour à l’annuaire</a></p>`,
          csrfToken(req),
        ),
      );

  const show =
    (target: (req: Request) => EntryTarget, action: (req: Request) => string) =>
    async (req: Request, res: Response) => {
      const entry = await load(req.actor!, target(req));
      if (!entry) return void noEntry(req, res);
      await render(req, res, 200, action(req), entry, fieldsOfEntry(entry));
    };

  const save =
    (target: (req: Request) => EntryTarget, action: (req: Request) => string) =>
    async (req: Request, res: Response) => {
      const actor = req.actor!;
      const entry = await load(actor, target(req));
      if (!entry) return void noEntry(req, res);
      const fields = entryFields.parse(req.body ?? {});
      try {
        const patch = entryLocalPatch.parse(patchOfFields(fields));
        await updateDirectoryEntry(db, actor, { entryId: entry.id }, patch, deps.now());
        res.redirect(303, `/directory/entries/${entry.id}`);
      } catch (err) {
        const refusal = refusalOf(err);
        if (!refusal) throw err;
        await render(req, res, refusal.status, action(req), entry, fields, refusal);
      }
    };

  const own = (): EntryTarget => ({ own: true });
  const byId = (req: Request): EntryTarget => ({ entryId: uuidParam.parse(req.params.id) });
  const editUrl = (req: Request) => `/directory/entries/${String(req.params.id)}/edit`;
  router.get(
    '/directory/me',
    show(own, () => '/directory/me'),
  );
  router.post(
    '/directory/me',
    form,
    requireCsrf,
    save(own, () => '/directory/me'),
  );
  router.get('/directory/entries/:id/edit', show(byId, editUrl));
  router.post('/directory/entries/:id/edit', form, requireCsrf, save(byId, editUrl));
  return router;
}
