import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../../platform/deps.js';
import { notFound } from '../../platform/http-errors.js';
import { uuidParam } from '../../platform/params.js';
import { updateDirectoryEntry, type EntryTarget } from './commands.js';
import { presentEntry } from './presenter.js';
import { directoryPageSize, directorySearch, entryLocalPatch } from './schema.js';
import { directoryEntriesFor } from './store.js';

/**
 * The shared directory's JSON API: GET /api/directory/entries (search, 25 a page), GET
 * /api/directory/entries/:id, PATCH /api/directory/me and /api/directory/entries/:id (local
 * fields). The same store query, read policy and command as the pages.
 */
export function directoryApiRouter(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.db;

  router.get('/directory/entries', async (req, res) => {
    const actor = req.actor!;
    const search = directorySearch.parse(req.query);
    const { total, entries } = await directoryEntriesFor(db, actor, search);
    res.json({
      total,
      page: search.page,
      pageSize: directoryPageSize,
      pages: Math.ceil(total / directoryPageSize),
      entries: entries.map((e) => presentEntry(actor, e)),
    });
  });

  router.get('/directory/entries/:id', async (req, res) => {
    const actor = req.actor!;
    const id = uuidParam.parse(req.params.id);
    const [row] = (await directoryEntriesFor(db, actor, { id })).entries;
    if (!row) throw notFound('Fiche');
    res.json({ entry: presentEntry(actor, row) });
  });

  const patch =
    (target: (params: Record<string, string>) => EntryTarget) =>
    async (req: Request, res: Response) => {
      const actor = req.actor!;
      const where = target(req.params as Record<string, string>);
      const id = await updateDirectoryEntry(
        db,
        actor,
        where,
        entryLocalPatch.parse(req.body ?? {}),
        deps.now(),
      );
      const [row] = (await directoryEntriesFor(db, actor, { id })).entries;
      res.json({ entry: presentEntry(actor, row!) });
    };
  router.patch(
    '/directory/me',
    patch(() => ({ own: true })),
  );
  router.patch(
    '/directory/entries/:id',
    patch((p) => ({ entryId: uuidParam.parse(p.id) })),
  );
  return router;
}
