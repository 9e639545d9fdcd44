import { eq } from 'drizzle-orm';
import type { Database } from '../client.js';
import { territories } from '../schema/index.js';
import { importNationalRegister } from '../../server/directory/national/run-import.js';
import { fixturesDir } from '../../server/directory/national/sources.js';

/**
 * The demo territory's communes (INSEE codes): the 21 communes of the pays d'Auray (Auray
 * Quiberon Terre Atlantique) whose codes were checked against the cantons' published lists.
 * Camors, Landaul and Landévant belong too; add them once their codes are checked.
 */
export const demoInseeCommunes = [
  '56007', // Auray
  '56013', // Belz
  '56021', // Brech
  '56034', // Carnac
  '56046', // Crac'h
  '56054', // Erdeven
  '56055', // Étel
  '56085', // Hœdic
  '56086', // Île-d'Houat
  '56116', // Locmariaquer
  '56119', // Locoal-Mendon
  '56161', // Ploemel
  '56168', // Plouharnel
  '56175', // Plumergat
  '56176', // Pluneret
  '56177', // Pluvigner
  '56186', // Quiberon
  '56233', // Saint-Philibert
  '56234', // Saint-Pierre-Quiberon
  '56258', // La Trinité-sur-Mer
  '56263', // Sainte-Anne-d'Auray
];

/**
 * The demo directory: the territory's communes, then the shipped extraction imported (no
 * download). Once: a territory that has communes already is the managers' to change.
 */
export async function seedDemoDirectory(db: Database, territoryId: string, now: Date) {
  const [row] = await db
    .select({ communes: territories.inseeCommunes })
    .from(territories)
    .where(eq(territories.id, territoryId));
  if (!row || row.communes.length > 0) return null;
  await db
    .update(territories)
    .set({ inseeCommunes: demoInseeCommunes })
    .where(eq(territories.id, territoryId));
  return importNationalRegister(
    db,
    territoryId,
    {
      person: { path: 'PS_LibreAcces_Personne_activite_demo.txt' },
      savoirFaire: { path: 'PS_LibreAcces_SavoirFaire_demo.txt' },
    },
    { dirs: [fixturesDir], actor: { userId: null, label: 'seed' }, now: () => now },
  );
}
