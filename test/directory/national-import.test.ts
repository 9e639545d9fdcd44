import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, directoryEntries, territories } from '../../db/schema/index.js';
import { ExtractionError } from '../../server/directory/national/layout.js';
import { fixturesDir } from '../../server/directory/national/sources.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { aTerritory } from '../support/factories.js';
import { demoPeople, nationalIdOf, outsidePeople } from '../fixtures/rpps/demo-people.js';
import {
  activityFixture,
  aurayCommunes,
  editedActivity,
  entriesOf,
  runImport,
  savoirFaireFixture,
} from './support.js';

let t: TestDatabase;
let dir: string;
const byName = (last: string) => demoPeople.find((p) => p.last === last)!;

beforeAll(async () => {
  t = await createTestDatabase();
  dir = mkdtempSync(join(tmpdir(), 'rpps-import-'));
});
afterAll(() => t.drop());

const territory = () => aTerritory(t.db, { inseeCommunes: aurayCommunes });

describe('national register import', () => {
  it('imports the fixture alike in UTF-8 and in Windows-1252', async () => {
    const [a, b] = [await territory(), await territory()];
    const dirs = [fixturesDir];
    const utf8 = await runImport(t.db, a.id, activityFixture(), savoirFaireFixture(), dirs);
    const cp1252 = await runImport(
      t.db,
      b.id,
      activityFixture('windows-1252'),
      savoirFaireFixture('windows-1252'),
      dirs,
    );
    expect(utf8.encoding).toEqual({ person: 'utf-8', savoirFaire: 'utf-8' });
    expect(cp1252.encoding).toEqual({ person: 'windows-1252', savoirFaire: 'windows-1252' });
    expect(utf8).toMatchObject({ created: 34, updated: 0, unchanged: 0, gone: 0, personRows: 46 });
    expect({ ...cp1252, encoding: null }).toEqual({ ...utf8, encoding: null });
    const facts = async (id: string) =>
      [...(await entriesOf(t.db, id)).values()]
        .map((e) => [
          e.nationalId,
          e.firstName,
          e.lastName,
          e.specialtyCodes,
          e.places,
          e.searchText,
        ])
        .sort((x, y) => String(x[0]).localeCompare(String(y[0])));
    expect(await facts(b.id)).toEqual(await facts(a.id));
    const eloise = (await entriesOf(t.db, b.id)).get(nationalIdOf(byName('LE GOFF')))!;
    expect(eloise.firstName).toBe('Éloïse');
    expect(eloise.places.map((p) => p.communeName)).toEqual(['Auray', "Crac'h"]);
  });

  it('merges places, keeps only the territory’s, joins savoir-faire, stores the search text', async () => {
    const a = await territory();
    await runImport(t.db, a.id, activityFixture(), savoirFaireFixture(), [fixturesDir]);
    const entries = await entriesOf(t.db, a.id);
    for (const person of outsidePeople) expect(entries.has(nationalIdOf(person))).toBe(false);
    // Three places in the register, one in Vannes: two kept, in the register's order.
    const floch = entries.get(nationalIdOf(byName('LE FLOCH')))!;
    expect(floch.places.map((p) => p.inseeCommune)).toEqual(['56007', '56034']);
    expect(floch.places[0]).toMatchObject({
      address: '2 Rue du Docteur Laennec',
      postcode: '56400',
    });
    expect(entries.get(nationalIdOf(byName('MADEC')))!.places.map((p) => p.communeName)).toEqual([
      'Auray',
    ]);
    const corre = entries.get(nationalIdOf(byName('LE CORRE')))!;
    expect(corre.specialtyCodes).toEqual(['SM27', 'SM48']);
    expect(corre.searchText).toContain('rhumatologie');
    expect(corre.searchText).toContain('helene');
    expect(corre.rpps).toBe(byName('LE CORRE').rpps);
    expect(corre.civility).toBe('Docteur');
  });

  it('re-imports: updates national fields, keeps local ones, marks the absent gone, takes them back', async () => {
    const a = await territory();
    await runImport(t.db, a.id, activityFixture(), savoirFaireFixture(), [fixturesDir]);
    const morvan = nationalIdOf(byName('MORVAN'));
    const bihan = nationalIdOf(byName('LE BIHAN'));
    const local = {
      mobile: '+33639987001',
      directLine: '+33261919001',
      mssante: 'noel.morvan@medecin.mssante.fr',
      visibility: 'hidden' as const,
      optIns: { hospitalNotices: true },
    };
    await t.db
      .update(directoryEntries)
      .set(local)
      .where(and(eq(directoryEntries.territoryId, a.id), eq(directoryEntries.nationalId, morvan)));
    // Next month's extraction: Dr Morvan changed name and phone, Dr Le Bihan is not in it.
    const next = editedActivity(dir, `next-${a.id}.txt`, (line) =>
      line.includes(bihan)
        ? null
        : line.includes(morvan)
          ? line.replace('|MORVAN|', '|MORVAN-LE BRAS|').replace('0261910104', '0261910999')
          : line,
    );
    const second = await runImport(t.db, a.id, next, savoirFaireFixture(), [dir, fixturesDir]);
    expect(second).toMatchObject({ created: 0, updated: 1, unchanged: 32, gone: 1, returned: 0 });
    let entries = await entriesOf(t.db, a.id);
    const noel = entries.get(morvan)!;
    expect(noel).toMatchObject({ lastName: 'MORVAN-LE BRAS', goneAt: null, ...local });
    expect(noel.places[0]!.phone).toBe('0261910999');
    expect(noel.searchText).toContain('morvan-le bras');
    expect(entries.get(bihan)!.goneAt).toEqual(new Date('2026-11-24T10:00:00Z'));
    // The same file again: nothing to write.
    const again = await runImport(t.db, a.id, next, savoirFaireFixture(), [dir, fixturesDir]);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 33, gone: 0 });
    // Dr Le Bihan is back the month after, her entry the same row.
    const back = await runImport(t.db, a.id, activityFixture(), savoirFaireFixture(), [
      fixturesDir,
    ]);
    expect(back).toMatchObject({ created: 0, updated: 2, returned: 1, gone: 0 });
    entries = await entriesOf(t.db, a.id);
    expect(entries.get(bihan)!.goneAt).toBeNull();
    expect(entries.get(morvan)).toMatchObject({ lastName: 'MORVAN', ...local });
    const audits = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.territoryId, a.id), eq(auditLog.action, 'directory.import')));
    expect(audits).toHaveLength(4);
  });

  it('refuses a file where nobody practises in the territory, and marks nobody gone', async () => {
    const a = await territory();
    await runImport(t.db, a.id, activityFixture(), null, [fixturesDir]);
    const before = await entriesOf(t.db, a.id);
    expect(before.size).toBeGreaterThan(0);
    // As a file of another department: none of its rows is in the territory's communes.
    await t.db
      .update(territories)
      .set({ inseeCommunes: ['29019'] })
      .where(eq(territories.id, a.id));
    await expect(runImport(t.db, a.id, activityFixture(), null, [fixturesDir])).rejects.toThrow(
      /autre département/,
    );
    const after = await entriesOf(t.db, a.id);
    expect([...after.values()].filter((e) => e.goneAt !== null)).toEqual([]);
    expect(after.size).toBe(before.size);
  });

  it('refuses a file that is not an extraction, and writes nothing', async () => {
    const a = await territory();
    writeFileSync(join(dir, 'not-rpps.txt'), 'nom;prénom\nDUPONT;Jean\n');
    writeFileSync(join(dir, 'empty.txt'), '');
    await expect(runImport(t.db, a.id, 'not-rpps.txt', null, [dir])).rejects.toThrow(
      ExtractionError,
    );
    await expect(runImport(t.db, a.id, 'empty.txt', null, [dir])).rejects.toThrow(/vide/);
    await expect(runImport(t.db, a.id, '../../etc/passwd', null, [dir])).rejects.toThrow(
      ExtractionError,
    );
    expect((await entriesOf(t.db, a.id)).size).toBe(0);
  });
});
