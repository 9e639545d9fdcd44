import type { Database } from '../../../db/client.js';
import { recordAudit, type Actor as AuditActor } from '../../platform/audit.js';
import { nationalHash, type NationalPerson } from './person.js';
import {
  insertRegisterEntries,
  markGone,
  registerEntriesOf,
  rewriteRegisterEntry,
} from './store.js';

export interface ApplyCounts {
  created: number;
  updated: number;
  unchanged: number;
  gone: number;
  returned: number;
}

/** People written per transaction: a large territory commits as it goes, a small one at once. */
export const importBatchSize = 500;

/**
 * Brings the territory's register entries in line with an extraction read whole: creates the new
 * people, rewrites those whose national facts changed (hash) or who came back, marks gone those
 * absent. Local fields are never in a write. One transaction per batch of people, then one for
 * the gone marks and the audit entry: a re-run after a failure picks up where it stopped (an
 * unchanged person is skipped), and nobody is marked gone before the whole file was read.
 */
export async function applyExtraction(
  db: Database,
  territoryId: string,
  persons: Map<string, NationalPerson>,
  actor: AuditActor,
  now: Date,
  details: Record<string, unknown> = {},
): Promise<ApplyCounts> {
  const existing = await registerEntriesOf(db, territoryId);
  const counts: ApplyCounts = { created: 0, updated: 0, unchanged: 0, gone: 0, returned: 0 };
  const people = [...persons.values()];
  for (let start = 0; start < people.length; start += importBatchSize) {
    const batch = people.slice(start, start + importBatchSize);
    await db.transaction(async (tx) => {
      const fresh: { person: NationalPerson; hash: string }[] = [];
      for (const person of batch) {
        const hash = nationalHash(person);
        const entry = existing.get(person.nationalId);
        if (!entry) fresh.push({ person, hash });
        else if (entry.nationalHash === hash && entry.goneAt === null) counts.unchanged += 1;
        else {
          await rewriteRegisterEntry(tx, entry.id, person, hash, now);
          counts.updated += 1;
          if (entry.goneAt !== null) counts.returned += 1;
        }
      }
      await insertRegisterEntries(tx, territoryId, fresh, now);
      counts.created += fresh.length;
    });
  }
  const absent = [...existing.values()]
    .filter((e) => e.goneAt === null && !persons.has(e.nationalId!))
    .map((e) => e.id);
  await db.transaction(async (tx) => {
    for (let start = 0; start < absent.length; start += importBatchSize)
      counts.gone += await markGone(tx, absent.slice(start, start + importBatchSize), now);
    await recordAudit(tx, actor, {
      action: 'directory.import',
      entity: 'territory',
      entityId: territoryId,
      territoryId,
      after: { ...counts, ...details },
    });
  });
  return counts;
}
