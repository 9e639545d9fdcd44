import type { Database } from '../../../db/client.js';
import type {
  DirectoryImportReport,
  ExtractionSource,
} from '../../../db/schema/directory-imports.js';
import type { Actor as AuditActor } from '../../platform/audit.js';
import { applyExtraction } from './apply.js';
import { readPersonActivity, readSavoirFaire } from './extraction.js';
import { ExtractionError } from './layout.js';
import type { NationalPerson } from './person.js';
import { openExtraction } from './sources.js';
import { cleanSearchIndex, hasRegisterEntries, inseeCommunesOf } from './store.js';

export interface ImportSources {
  person: ExtractionSource;
  savoirFaire?: ExtractionSource | null;
}

/**
 * The whole import of a territory: both files streamed (the activity file first, then the
 * savoir-faire of the people kept), then written (apply.ts). Nothing is written before both files
 * were read to the end, so a truncated or unreadable file changes nothing.
 */
export async function importNationalRegister(
  db: Database,
  territoryId: string,
  sources: ImportSources,
  options: { dirs: string[]; actor: AuditActor; now: () => Date },
): Promise<DirectoryImportReport> {
  const communes = await inseeCommunesOf(db, territoryId);
  if (communes === null) throw new ExtractionError('territoire inconnu');
  if (communes.length === 0)
    throw new ExtractionError('le territoire n’a pas de communes (codes INSEE) : rien à garder');
  const persons = new Map<string, NationalPerson>();
  const activity = await readPersonActivity(
    await openExtraction(sources.person, options.dirs),
    new Set(communes),
    persons,
  );
  // An extraction without a single row would mark everyone gone: refused, not applied.
  if (activity.rows === 0) throw new ExtractionError('extraction sans aucune ligne');
  // Nobody practising in the territory's communes (another department's file, a wrong commune
  // list) would mark every register entry gone too: refused when there are entries to lose.
  if (activity.kept === 0 && (await hasRegisterEntries(db, territoryId)))
    throw new ExtractionError(
      'aucune ligne de l’extraction n’exerce dans les communes du territoire (fichier d’un autre département ?) : import refusé, l’annuaire est inchangé',
    );
  const savoirFaire = sources.savoirFaire
    ? await readSavoirFaire(await openExtraction(sources.savoirFaire, options.dirs), persons)
    : null;
  const details = {
    personRows: activity.rows,
    keptRows: activity.kept,
    savoirFaireRows: savoirFaire?.rows ?? 0,
    encoding: { person: activity.encoding, savoirFaire: savoirFaire?.encoding ?? null },
  };
  const counts = await applyExtraction(
    db,
    territoryId,
    persons,
    options.actor,
    options.now(),
    details,
  );
  // New rows wait in the trigram index's pending list, which the planner reads slowly (6–16 ms a
  // search instead of 0.2) until a vacuum: merge them now, as the import is the big write.
  await cleanSearchIndex(db);
  return { ...counts, ...details };
}
