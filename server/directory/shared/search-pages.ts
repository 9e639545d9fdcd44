import { Router } from 'express';
import { csrfToken } from '../../access/middleware.js';
import type { AppDeps } from '../../platform/deps.js';
import { notFound } from '../../platform/http-errors.js';
import { uuidParam } from '../../platform/params.js';
import { page } from '../../web/layout.js';
import { knownProfessions, knownSpecialties } from '../national/codes.js';
import { entryBody } from './entry-view.js';
import { presentEntry } from './presenter.js';
import { directorySearch, type DirectorySearch } from './schema.js';
import { searchBody } from './search-view.js';
import { directoryCommunesFor, directoryEntriesFor, entryIdOfProfessional } from './store.js';
import { entryName } from './view-parts.js';

/**
 * GET /directory (the territory's shared directory: one search box, filters, 25 a page) and
 * GET /directory/entries/:id (one person). Behind login like every page: there is no public
 * directory. What each role reads is read-policy.ts's, through the one store query.
 */
export function directorySearchPages(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.db;

  router.get('/directory', async (req, res) => {
    const actor = req.actor!;
    const parsed = directorySearch.safeParse(req.query);
    // A refused search shows the form again with the reason, and no results.
    const search: DirectorySearch = parsed.success
      ? parsed.data
      : { q: typeof req.query.q === 'string' ? req.query.q : '', gone: false, page: 1 };
    const found = parsed.success
      ? await directoryEntriesFor(db, actor, search)
      : { total: 0, entries: [] };
    const body = searchBody({
      search,
      total: found.total,
      entries: found.entries.map((e) => presentEntry(actor, e)),
      professions: knownProfessions(),
      specialties: knownSpecialties(),
      communes: await directoryCommunesFor(db, actor),
      hasOwnEntry: actor.professionalId
        ? (await entryIdOfProfessional(db, actor.professionalId)) !== null
        : false,
      ...(parsed.success ? {} : { error: parsed.error.issues.map((i) => i.message).join(' ; ') }),
    });
    res
      .status(parsed.success ? 200 : 400)
      .type('html')
      .send(page('Annuaire du territoire', actor, body, csrfToken(req)));
  });

  router.get('/directory/entries/:id', async (req, res) => {
    const actor = req.actor!;
    const id = uuidParam.parse(req.params.id);
    const [row] = (await directoryEntriesFor(db, actor, { id })).entries;
    if (!row) throw notFound('Fiche');
    const entry = presentEntry(actor, row);
    const editUrl = entry.mine
      ? '/directory/me'
      : entry.editable
        ? `/directory/entries/${entry.id}/edit`
        : null;
    res
      .type('html')
      .send(page(entryName(entry), actor, entryBody({ ...entry, editUrl }), csrfToken(req)));
  });
  return router;
}
