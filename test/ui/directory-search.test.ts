import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { aDirectoryEntry, type DirectoryEntry } from '../support/directory-entries.js';
import { aManager, aProfessional, aService, aTerritory, aUser } from '../support/factories.js';
import { webLogin, type WebSession } from '../support/web-session.js';

/**
 * The shared directory's search (issue 18, part 2), through the page and the API: words folded
 * like search_text (accents, case), every word must match, specialty labels, communes,
 * structures, filters, 25 a page in a stable order, gone and hidden entries.
 */
const now = new Date('2026-11-24T10:00:00Z');
let t: TestApp;
let pro: WebSession;
let proToken: string;
let managerToken: string;
let lefevre: DirectoryEntry;
let durand: DirectoryEntry;
let hidden: DirectoryEntry;

type ApiEntry = { id: string; lastName: string; firstName: string; directLine: string | null };
const search = async (query: string, token = proToken) => {
  const res = await request(t.app)
    .get(`/api/directory/entries?${query}`)
    .set('Authorization', `Bearer ${token}`);
  return { status: res.status, body: res.body as { total: number; entries: ApiEntry[] } };
};
const names = (entries: ApiEntry[]) => entries.map((e) => e.lastName);

beforeAll(async () => {
  t = await createTestApp({ now });
  const db = t.db.db;
  const territory = await aTerritory(db);
  const service = await aService(db, territory);
  const me = await aProfessional(db, service);
  const proUser = await aUser(db, 'professional', { territories: [territory], professional: me });
  proToken = proUser.token;
  managerToken = (await aManager(db, territory)).token;
  pro = await webLogin(t.app, proUser.user.email, proUser.password);

  lefevre = await aDirectoryEntry(
    db,
    territory,
    {
      lastName: 'LEFÈVRE',
      firstName: 'Hélène',
      specialtyCodes: ['SM48'],
      directLine: '+33380123456',
    },
    [{ communeName: 'Beaune', inseeCommune: '21054', postcode: '21200' }],
  );
  durand = await aDirectoryEntry(
    db,
    territory,
    { lastName: 'DURAND', firstName: 'Paul', specialtyCodes: ['SM41'] },
    [{ structureName: 'Centre hospitalier de Dijon' }],
  );
  hidden = await aDirectoryEntry(db, territory, {
    lastName: 'DISCRET',
    visibility: 'hidden',
    directLine: '+33380999999',
  });
  await aDirectoryEntry(db, territory, { lastName: 'ANCIEN', goneAt: new Date('2026-10-01') });
  // Thirty GPs of the same name: the order must still be stable (first name, then id).
  for (let i = 0; i < 30; i++)
    await aDirectoryEntry(db, territory, {
      lastName: 'MOREAU',
      firstName: `Prénom${String(i % 7)}`,
    });
  // Another territory's rheumatologist: never in A's searches.
  await aDirectoryEntry(db, await aTerritory(db), { lastName: 'LEFÈVRE', firstName: 'Autre' });
});
afterAll(() => t.close());

describe('directory search', () => {
  it('finds a name with or without its accents, in any case', async () => {
    for (const q of ['Lefèvre', 'lefevre', 'LEFEVRE', 'hélène lefev', 'helene'])
      expect(names((await search(`q=${encodeURIComponent(q)}`)).body.entries), q).toEqual([
        'LEFÈVRE',
      ]);
  });

  it('needs every word: a name and another commune finds nobody', async () => {
    const res = await search('q=lefevre+dijon');
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(0);
  });

  it('finds by specialty label, commune and structure, and filters by codes', async () => {
    expect(names((await search('q=rhumatologie')).body.entries)).toEqual(['LEFÈVRE']);
    expect(names((await search('q=rhumato')).body.entries)).toEqual(['LEFÈVRE']);
    expect(names((await search('q=pneumologie')).body.entries)).toEqual(['DURAND']);
    expect(names((await search('q=beaune')).body.entries)).toEqual(['LEFÈVRE']);
    expect(names((await search('q=centre+hospitalier')).body.entries)).toEqual(['DURAND']);
    expect(names((await search('specialty=SM48')).body.entries)).toEqual(['LEFÈVRE']);
    expect(names((await search('commune=21054')).body.entries)).toEqual(['LEFÈVRE']);
    expect((await search('profession=21')).body.total).toBe(0);
  });

  it('takes LIKE wildcards literally and refuses junk with a 400', async () => {
    expect((await search('q=%25')).body.total).toBe(0);
    expect((await search('q=_')).body.total).toBe(0);
    expect((await search('q=%00')).status).toBe(400);
    expect((await search('page=41')).status).toBe(400);
    expect((await search('commune=Dijon')).status).toBe(400);
  });

  it('pages 25 at a time in a stable order, by name, every entry once', async () => {
    const first = await search('q=moreau');
    const second = await search('q=moreau&page=2');
    expect(first.body.total).toBe(30);
    expect(first.body.entries).toHaveLength(25);
    expect(second.body.entries).toHaveLength(5);
    const ids = [...first.body.entries, ...second.body.entries].map((e) => e.id);
    expect(new Set(ids).size).toBe(30);
    const again = await search('q=moreau');
    expect(again.body.entries.map((e) => e.id)).toEqual(first.body.entries.map((e) => e.id));
    const firstNames = [...first.body.entries, ...second.body.entries].map((e) => e.firstName);
    expect(firstNames).toEqual([...firstNames].sort());
    // Accents do not send a name to the end: DURAND, LEFÈVRE, MARTIN…, MOREAU.
    const all = names((await search('')).body.entries);
    expect(all.indexOf('LEFÈVRE')).toBeLessThan(all.indexOf('MOREAU'));
    expect(all.indexOf('DURAND')).toBeLessThan(all.indexOf('LEFÈVRE'));
  });

  it('hides those who no longer practise unless asked, and marks them', async () => {
    expect((await search('q=ancien')).body.total).toBe(0);
    expect(names((await search('q=ancien&gone=1')).body.entries)).toEqual(['ANCIEN']);
    const page = await pro.agent.get('/directory?q=ancien&gone=1');
    expect(page.status).toBe(200);
    expect(page.text).toContain('n’exerce plus');
  });

  it('lists hidden entries (and their lines) to managers only', async () => {
    const forPro = await search('q=discret');
    expect(forPro.body.total).toBe(0);
    expect(JSON.stringify((await search('')).body)).not.toContain('+33380999999');
    const forManager = await search('q=discret', managerToken);
    expect(forManager.body.entries.map((e) => e.directLine)).toEqual(['+33380999999']);
    expect((await pro.agent.get(`/directory/entries/${hidden.id}`)).status).toBe(404);
  });

  it('shows the search page with its filters and a link to each entry', async () => {
    const page = await pro.agent.get('/directory?q=lefevre');
    expect(page.status).toBe(200);
    expect(page.text).toContain(`href="/directory/entries/${lefevre.id}"`);
    expect(page.text).toContain('<option value="SM48">Rhumatologie</option>');
    expect(page.text).toContain('<option value="21054">Beaune</option>');
    expect(page.text).toContain('03 80 12 34 56');
    expect(page.text).not.toContain(durand.id);
    const refused = await pro.agent.get('/directory?page=99');
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('précisez la recherche');
    const paged = await pro.agent.get('/directory?q=moreau');
    expect(paged.text).toContain('href="/directory?q=moreau&amp;page=2"');
  });
});
