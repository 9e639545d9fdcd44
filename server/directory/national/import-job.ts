import { UnrecoverableError } from 'bullmq';
import type { AppDeps } from '../../platform/deps.js';
import type { JobPayload } from '../../platform/job-payloads.js';
import { ExtractionError } from './layout.js';
import { importNationalRegister } from './run-import.js';
import { importDirs } from './sources.js';
import { directoryImportById, updateDirectoryImport } from './store.js';

/**
 * The 'directory-import' job: runs one stored import (its sources are in the row, not in the
 * payload). A file that is not an extraction fails the run for good, with its reason for the
 * manager; anything else (PostgreSQL away) is retried, and a re-run is harmless: unchanged people
 * are skipped. A finished run is not run again.
 */
export async function runDirectoryImport(
  deps: Pick<AppDeps, 'db' | 'config' | 'now' | 'logger'>,
  payload: JobPayload<'directory-import'>,
): Promise<string> {
  const db = deps.db.db;
  const run = await directoryImportById(db, payload.territoryId, payload.importId);
  if (!run || run.status === 'done' || run.status === 'failed') return run?.status ?? 'unknown';
  await updateDirectoryImport(db, run.id, {
    status: 'running',
    startedAt: deps.now(),
    error: null,
  });
  try {
    const report = await importNationalRegister(
      db,
      run.territoryId,
      { person: run.personSource, savoirFaire: run.savoirFaireSource },
      {
        dirs: importDirs(deps.config),
        actor: { userId: run.requestedBy, label: 'import annuaire santé' },
        now: deps.now,
      },
    );
    await updateDirectoryImport(db, run.id, { status: 'done', report, finishedAt: deps.now() });
    deps.logger.info({ importId: run.id, ...report }, 'directory import done');
    return 'done';
  } catch (err) {
    if (!(err instanceof ExtractionError)) {
      // Retried by the queue: the run says so meanwhile (and stays so if every try fails).
      await updateDirectoryImport(db, run.id, {
        status: 'queued',
        error: 'Interrompu (base ou réseau indisponible) : nouvel essai. Interrupted: retrying.',
      }).catch(() => undefined);
      throw err;
    }
    await updateDirectoryImport(db, run.id, {
      status: 'failed',
      error: `Extraction illisible : ${err.message}.`,
      finishedAt: deps.now(),
    });
    throw new UnrecoverableError(err.message);
  }
}
