/**
 * The directory benchmark's people: a territory's register in miniature (mostly GPs and nurses,
 * some specialists; 60 communes; a few hidden, a few gone), inserted 1,000 at a time with their
 * search_text, as the national import leaves them.
 */
import type { Queryable } from '../../db/client.js';
import { directoryEntries, directoryPlaces } from '../../db/schema/index.js';
import { directorySearchText } from '../../server/directory/national/search-text.js';

export const lastNames = (
  'MARTIN|BERNARD|DUBOIS|THOMAS|ROBERT|RICHARD|PETIT|DURAND|LEROY|MOREAU|SIMON|LAURENT|LEFÈVRE|' +
  'MICHEL|GARCIA|DAVID|BERTRAND|ROUX|VINCENT|FOURNIER|MOREL|GIRARD|ANDRÉ|MERCIER|DUPONT|' +
  'LAMBERT|BONNET|FRANÇOIS|MARTINEZ|LE GOFF|KERBRAT|LE BIHAN|GUÉGUEN|TANGUY|JÉZÉQUEL'
).split('|');
export const firstNames =
  'Anne|Hélène|Paul|Yann|Soizic|Jérôme|Claire|Loïc|Maëlys|Erwan|Élodie|François|Gaëlle|Nicolas|Sophie'.split(
    '|',
  );
const towns =
  'Dijon|Beaune|Nuits-Saint-Georges|Chenôve|Talant|Quetigny|Auxonne|Seurre|Meursault|Pouilly-en-Auxois'.split(
    '|',
  );
export const communes = Array.from({ length: 60 }, (_, i) => ({
  insee: String(21000 + i * 7),
  name: towns[i % 10]! + (i >= 10 ? ` ${Math.floor(i / 10)}` : ''),
}));
// Mostly GPs and nurses, some specialists: the mix of a territory's register.
const trades: [string, string[]][] = [
  ['10', ['SM54']],
  ['10', ['SM54']],
  ['10', ['SM48']],
  ['10', ['SM41']],
  ['60', []],
  ['60', []],
  ['70', []],
  ['21', []],
  ['50', []],
  ['40', []],
];

function personAt(i: number, territoryId: string) {
  const [professionCode, specialtyCodes] = trades[i % trades.length]!;
  const commune = communes[(i * 13) % communes.length]!;
  const place = {
    structureName: i % 5 === 0 ? `Maison de santé ${commune.name}` : 'Cabinet',
    communeName: commune.name,
    postcode: commune.insee,
    inseeCommune: commune.insee,
  };
  const entry = {
    lastName: `${lastNames[i % lastNames.length]!}${i % 3 === 0 ? '' : `-${i % 97}`}`,
    firstName: firstNames[(i * 7) % firstNames.length]!,
    professionCode,
    specialtyCodes,
  };
  return {
    entry: {
      ...entry,
      territoryId,
      nationalId: `8${String(10_000_000_000 + i)}`,
      directLine: `+333801${String(i).padStart(5, '0')}`,
      visibility: i % 50 === 0 ? ('hidden' as const) : ('professionals' as const),
      goneAt: i % 40 === 0 ? new Date('2026-10-01') : null,
      searchText: directorySearchText({ ...entry, places: [place] }),
    },
    place,
  };
}

export async function insertPeople(db: Queryable, territoryId: string, count: number) {
  for (let start = 0; start < count; start += 1000) {
    const batch = Array.from({ length: Math.min(1000, count - start) }, (_, k) =>
      personAt(start + k, territoryId),
    );
    const rows = await db
      .insert(directoryEntries)
      .values(batch.map((b) => b.entry))
      .returning({ id: directoryEntries.id });
    await db
      .insert(directoryPlaces)
      .values(rows.map((r, k) => ({ ...batch[k]!.place, entryId: r.id, position: 0 })));
  }
}
