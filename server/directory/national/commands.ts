import type { Database } from '../../../db/client.js';
import type { ExtractionSource } from '../../../db/schema/directory-imports.js';
import { auditActorOf, type Actor } from '../../access/actor.js';
import { managedTerritory } from '../../territories/commands.js';
import { recordAudit } from '../../platform/audit.js';
import { enqueue } from '../../platform/enqueue.js';
import type { AppDeps } from '../../platform/deps.js';
import { badRequest, HttpError } from '../../platform/http-errors.js';
import type { DirectoryImportInput } from './schema.js';
import { allowedFile, importDirs, internalUrl } from './sources.js';
import {
  inseeCommunesOf,
  insertDirectoryImport,
  setTerritoryCommunes,
  updateDirectoryImport,
  type DirectoryImportRow,
} from './store.js';

/** A manager sets the communes (INSEE codes) whose professionals the directory imports; audited. */
export async function setInseeCommunes(
  db: Database,
  actor: Actor,
  territoryId: string,
  communes: string[],
): Promise<void> {
  await managedTerritory(db, actor, territoryId);
  await db.transaction(async (tx) => {
    const before = await inseeCommunesOf(tx, territoryId);
    await setTerritoryCommunes(tx, territoryId, communes);
    await recordAudit(tx, auditActorOf(actor), {
      action: 'territory.insee-communes',
      entity: 'territory',
      entityId: territoryId,
      territoryId,
      before: { inseeCommunes: before },
      after: { inseeCommunes: communes },
    });
  });
}

async function sourceOf(
  path: string | undefined,
  url: string | undefined,
  field: string,
  { dirs, production }: { dirs: string[]; production: boolean },
): Promise<ExtractionSource | null> {
  if (url && production && internalUrl(url)) {
    const refused = 'adresse interne refusée. Internal address refused.';
    throw badRequest(refused, { [field.replace('Path', 'Url')]: refused });
  }
  if (url) return { url };
  if (!path) return null;
  const allowed = await allowedFile(path, dirs);
  if ('refused' in allowed) throw badRequest(allowed.refused, { [field]: allowed.refused });
  return { path: allowed.path };
}

/**
 * A manager asks for an import of the national register: the files are checked (a path must be
 * an existing file of the import directories), the run is stored and audited, then the
 * 'directory-import' job does the work. The answer is the run, queued: its report comes later.
 */
export async function requestDirectoryImport(
  deps: Pick<AppDeps, 'db' | 'jobs' | 'config' | 'now'>,
  actor: Actor,
  territoryId: string,
  input: DirectoryImportInput,
): Promise<DirectoryImportRow> {
  const db = deps.db.db;
  await managedTerritory(db, actor, territoryId);
  const where = {
    dirs: importDirs(deps.config),
    production: deps.config.NODE_ENV === 'production',
  };
  const personSource = await sourceOf(input.personPath, input.personUrl, 'personPath', where);
  const savoirFaireSource = await sourceOf(
    input.savoirFairePath,
    input.savoirFaireUrl,
    'savoirFairePath',
    where,
  );
  if (!personSource)
    throw badRequest('personPath ou personUrl attendu.', { personPath: 'required' });
  const run = await db.transaction(async (tx) => {
    const row = await insertDirectoryImport(tx, {
      territoryId,
      requestedBy: actor.userId,
      personSource,
      savoirFaireSource,
    });
    await recordAudit(tx, auditActorOf(actor), {
      action: 'directory.import-request',
      entity: 'directory_import',
      entityId: row.id,
      territoryId,
      after: { personSource, savoirFaireSource },
    });
    return row;
  });
  try {
    await enqueue(deps.jobs, 'directory-import', { importId: run.id, territoryId });
  } catch {
    const error = 'File d’attente indisponible : import non lancé. Queue unavailable.';
    await updateDirectoryImport(db, run.id, { status: 'failed', error, finishedAt: deps.now() });
    throw new HttpError(503, 'queue_unavailable', error);
  }
  return run;
}
