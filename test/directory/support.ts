import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { directoryEntries, directoryPlaces } from '../../db/schema/index.js';
import { importNationalRegister } from '../../server/directory/national/run-import.js';
import { fixturesDir } from '../../server/directory/national/sources.js';

/** The demo territory's communes (pays d'Auray) the fixture's people practise in. */
export const aurayCommunes = [
  '56007',
  '56013',
  '56021',
  '56034',
  '56046',
  '56054',
  '56055',
  '56116',
  '56176',
  '56177',
  '56186',
  '56258',
  '56263',
];

export const activityFixture = (encoding: 'utf-8' | 'windows-1252' = 'utf-8') =>
  `PS_LibreAcces_Personne_activite_demo${encoding === 'utf-8' ? '' : '_1252'}.txt`;
export const savoirFaireFixture = (encoding: 'utf-8' | 'windows-1252' = 'utf-8') =>
  `PS_LibreAcces_SavoirFaire_demo${encoding === 'utf-8' ? '' : '_1252'}.txt`;

/** A copy of the UTF-8 activity fixture, each line passed through `edit` (null drops it). */
export function editedActivity(dir: string, name: string, edit: (line: string) => string | null) {
  const lines = readFileSync(join(fixturesDir, activityFixture()), 'utf8').trimEnd().split('\n');
  const [head, ...rows] = lines;
  const kept = rows.map(edit).filter((l): l is string => l !== null);
  writeFileSync(join(dir, name), `${[head, ...kept].join('\n')}\n`);
  return name;
}

export const runImport = (
  db: Database,
  territoryId: string,
  person: string,
  savoirFaire: string | null,
  dirs: string[],
  now = new Date('2026-11-24T10:00:00Z'),
) =>
  importNationalRegister(
    db,
    territoryId,
    { person: { path: person }, savoirFaire: savoirFaire ? { path: savoirFaire } : null },
    { dirs, actor: { userId: null, label: 'test' }, now: () => now },
  );

/** The territory's entries as comparable facts, places included, by national id. */
export async function entriesOf(db: Database, territoryId: string) {
  const entries = await db
    .select()
    .from(directoryEntries)
    .where(eq(directoryEntries.territoryId, territoryId));
  const places = await db.select().from(directoryPlaces);
  return new Map(
    entries.map((e) => [
      e.nationalId!,
      {
        ...e,
        places: places
          .filter((p) => p.entryId === e.id)
          .sort((a, b) => a.position - b.position)
          .map(({ id: _id, entryId: _e, ...p }) => p),
      },
    ]),
  );
}
