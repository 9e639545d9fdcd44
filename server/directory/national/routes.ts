import { basename } from 'node:path';
import { Router } from 'express';
import type { AppDeps } from '../../platform/deps.js';
import { notFound } from '../../platform/http-errors.js';
import { uuidParam } from '../../platform/params.js';
import { managedTerritory } from '../../territories/commands.js';
import { requestDirectoryImport, setInseeCommunes } from './commands.js';
import { directoryImportInput, inseeCommunesInput } from './schema.js';
import { directoryImportById, type DirectoryImportRow } from './store.js';

// A file is named, not located: the server's directories are none of the reader's business.
const shown = (source: DirectoryImportRow['savoirFaireSource']) =>
  source && 'path' in source ? { path: basename(source.path) } : source;

/** A run as a manager reads it: where from, how it went, what it did. */
const present = (run: DirectoryImportRow) => ({
  id: run.id,
  territoryId: run.territoryId,
  status: run.status,
  personSource: shown(run.personSource),
  savoirFaireSource: shown(run.savoirFaireSource),
  report: run.report,
  error: run.error,
  createdAt: run.createdAt,
  startedAt: run.startedAt,
  finishedAt: run.finishedAt,
});

/**
 * The national register door of a territory, for its managers: which communes it covers, an
 * import asked for (run by the 'directory-import' job), an import's report.
 */
export function directoryImportsRouter(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.db;
  // The actor's right to the territory is checked before the body is read: an outsider gets 403/404.
  router.put('/territories/:id/insee-communes', async (req, res) => {
    const territoryId = uuidParam.parse(req.params.id);
    await managedTerritory(db, req.actor!, territoryId);
    const { communes } = inseeCommunesInput.parse(req.body ?? {});
    await setInseeCommunes(db, req.actor!, territoryId, communes);
    res.json({ territoryId, communes });
  });
  router.post('/territories/:id/directory-imports', async (req, res) => {
    const territoryId = uuidParam.parse(req.params.id);
    await managedTerritory(db, req.actor!, territoryId);
    const input = directoryImportInput.parse(req.body ?? {});
    const run = await requestDirectoryImport(deps, req.actor!, territoryId, input);
    res.status(202).json(present(run));
  });
  router.get('/territories/:id/directory-imports/:importId', async (req, res) => {
    const territoryId = uuidParam.parse(req.params.id);
    await managedTerritory(db, req.actor!, territoryId);
    const run = await directoryImportById(db, territoryId, uuidParam.parse(req.params.importId));
    if (!run) throw notFound('Import');
    res.json(present(run));
  });
  return router;
}
