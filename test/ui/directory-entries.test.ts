import { and, eq } from 'drizzle-orm';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, directoryEntries } from '../../db/schema/index.js';
import { directorySearchText } from '../../server/directory/national/search-text.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { aDirectoryEntry, type DirectoryEntry } from '../support/directory-entries.js';
import {
  aManager,
  aProfessional,
  aService,
  aTerritory,
  aUser,
  type AUser,
} from '../support/factories.js';
import { webLogin, type WebSession } from '../support/web-session.js';

/**
 * One entry of the shared directory and its edits (issue 18, part 2): direct lines, mobiles and
 * MSSanté to the territory's professionals and managers only; nothing of it to another
 * territory (404) or to anyone logged out; a professional edits their own entry (page and API,
 * one command), never a colleague's; managers edit any of their territory.
 */
const now = new Date('2026-11-24T10:00:00Z');
let t: TestApp;
let pro: AUser;
let proB: AUser;
let manager: AUser;
let proPages: WebSession;
let proBPages: WebSession;
let managerPages: WebSession;
let mine: DirectoryEntry;
let colleague: DirectoryEntry;
let rheumatologist: DirectoryEntry;
let linkable: { serviceId: string; territoryId: string; colleagueId: string; proBId: string };
const bearer = (u: AUser) => ({ Authorization: `Bearer ${u.token}` });
const rowOf = async (id: string) =>
  (await t.db.db.select().from(directoryEntries).where(eq(directoryEntries.id, id)))[0]!;

beforeAll(async () => {
  t = await createTestApp({ now });
  const db = t.db.db;
  const territory = await aTerritory(db);
  const service = await aService(db, territory);
  const me = await aProfessional(db, service);
  const other = await aProfessional(db, service);
  pro = await aUser(db, 'professional', { territories: [territory], professional: me });
  manager = await aManager(db, territory);
  const territoryB = await aTerritory(db);
  const serviceB = await aService(db, territoryB);
  const professionalB = await aProfessional(db, serviceB);
  proB = await aUser(db, 'professional', {
    territories: [territoryB],
    professional: professionalB,
  });
  linkable = {
    serviceId: service.id,
    territoryId: territory.id,
    colleagueId: other.id,
    proBId: professionalB.id,
  };
  mine = await aDirectoryEntry(db, territory, { lastName: 'KERBRAT', professionalId: me.id });
  colleague = await aDirectoryEntry(db, territory, {
    lastName: 'COLLÈGUE',
    professionalId: other.id,
  });
  rheumatologist = await aDirectoryEntry(db, territory, {
    lastName: 'LEFÈVRE',
    specialtyCodes: ['SM48'],
    directLine: '+33380123456',
    mobile: '+33639981234',
    mssante: 'helene.lefevre@medecin.mssante.fr',
  });
  proPages = await webLogin(t.app, pro.user.email, pro.password);
  proBPages = await webLogin(t.app, proB.user.email, proB.password);
  managerPages = await webLogin(t.app, manager.user.email, manager.password);
});
afterAll(() => t.close());

describe('an entry and who reads its lines', () => {
  it('shows a professional of the territory the direct line, mobile and MSSanté', async () => {
    const page = await proPages.agent.get(`/directory/entries/${rheumatologist.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('href="tel:+33380123456"');
    expect(page.text).toContain('03 80 12 34 56');
    expect(page.text).toContain('06 39 98 12 34');
    expect(page.text).toContain('helene.lefevre@medecin.mssante.fr');
    expect(page.text).toContain('Rhumatologie');
    const api = await request(t.app)
      .get(`/api/directory/entries/${rheumatologist.id}`)
      .set(bearer(pro));
    expect(api.body.entry).toMatchObject({
      directLine: '+33380123456',
      mobile: '+33639981234',
      mssante: 'helene.lefevre@medecin.mssante.fr',
      contactsShown: true,
      editable: false,
      optIns: {},
    });
    expect(api.body.entry).not.toHaveProperty('searchText');
  });

  it('is a 404 to a professional of another territory, page and API, and absent from their search', async () => {
    expect((await proBPages.agent.get(`/directory/entries/${rheumatologist.id}`)).status).toBe(404);
    const api = await request(t.app)
      .get(`/api/directory/entries/${rheumatologist.id}`)
      .set(bearer(proB));
    expect(api.status).toBe(404);
    expect(JSON.stringify(api.body)).not.toContain('+33380123456');
    const list = await request(t.app).get('/api/directory/entries').set(bearer(proB));
    expect(list.body.total).toBe(0);
    expect((await proBPages.agent.get('/directory?q=lefevre')).text).not.toContain('80 12 34 56');
  });

  it('sends anyone logged out to the login page (pages) or a 401 (API)', async () => {
    const page = await request(t.app).get(`/directory/entries/${rheumatologist.id}`);
    expect(page.status).toBe(303);
    expect(page.headers.location).toMatch(/^\/login/);
    expect((await request(t.app).get('/directory')).headers.location).toMatch(/^\/login/);
    const api = await request(t.app).get('/api/directory/entries?q=lefevre');
    expect(api.status).toBe(401);
    expect(api.text).not.toContain('+33380123456');
  });
});

describe('a professional edits their own entry', () => {
  it('through the form: E.164 numbers, MSSanté, opt-ins; search_text stored again; audited', async () => {
    // A stale search_text (as if written by an older door): the command stores the right one.
    await t.db.db
      .update(directoryEntries)
      .set({ searchText: '' })
      .where(eq(directoryEntries.id, mine.id));
    const form = await proPages.agent.get('/directory/me');
    expect(form.status).toBe(200);
    expect(form.text).toContain('mis à jour par l’import de l’Annuaire Santé');
    const res = await proPages.post('/directory/me', {
      directLine: '02 97 11 22 33',
      mobile: '06 39 98 55 66',
      mssante: 'Y.Kerbrat@medecin.mssante.fr',
      visibility: 'professionals',
      optIns: ['hospitalNotices'],
    });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/directory/entries/${mine.id}`);
    const row = await rowOf(mine.id);
    expect(row).toMatchObject({
      directLine: '+33297112233',
      mobile: '+33639985566',
      mssante: 'y.kerbrat@medecin.mssante.fr',
      optIns: { hospitalNotices: true, adviceBySms: false },
      lastName: 'KERBRAT',
    });
    expect(row.searchText).toBe(
      directorySearchText({
        ...row,
        places: [{ structureName: 'Cabinet médical', communeName: 'Dijon', postcode: '21000' }],
      }),
    );
    const audit = await t.db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'directory_entry'), eq(auditLog.entityId, mine.id)));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorUserId).toBe(pro.user.id);
  });

  it('through the API (PATCH /api/directory/me), opt-ins merged', async () => {
    const res = await request(t.app)
      .patch('/api/directory/me')
      .set(bearer(pro))
      .send({ directLine: null, optIns: { adviceBySms: true } });
    expect(res.status).toBe(200);
    expect(res.body.entry).toMatchObject({ id: mine.id, mine: true, directLine: null });
    expect((await rowOf(mine.id)).optIns).toEqual({ hospitalNotices: true, adviceBySms: true });
  });

  it('refuses a bad number with a 400 naming the field, and changes nothing', async () => {
    const api = await request(t.app)
      .patch('/api/directory/me')
      .set(bearer(pro))
      .send({ directLine: '06 12', mobile: '02 97 11 22 33' });
    expect(api.status).toBe(400);
    expect(api.body.fields.directLine).toContain("n'est pas un numéro français valide");
    expect(api.body.fields.mobile).toContain("n'est pas un mobile");
    const page = await proPages.post('/directory/me', { directLine: '06 12', mobile: '' });
    expect(page.status).toBe(400);
    expect(page.text).toContain('« 06 12 » n&#39;est pas un numéro français valide');
    expect(page.text).toMatch(
      /id="directLine" name="directLine" value="06 12"[^>]*aria-invalid="true"/,
    );
    expect((await rowOf(mine.id)).mobile).toBe('+33639985566');
  });

  it('refuses national fields by name: the import owns them', async () => {
    const res = await request(t.app)
      .patch('/api/directory/me')
      .set(bearer(pro))
      .send({ lastName: 'AUTRE' });
    expect(res.status).toBe(400);
    expect(res.body.fields.lastName).toContain('Annuaire Santé');
    expect((await rowOf(mine.id)).lastName).toBe('KERBRAT');
  });

  it("cannot edit a colleague's entry (403), nor another territory's (404)", async () => {
    const api = await request(t.app)
      .patch(`/api/directory/entries/${colleague.id}`)
      .set(bearer(pro))
      .send({ directLine: '02 97 11 22 44' });
    expect(api.status).toBe(403);
    expect((await proPages.agent.get(`/directory/entries/${colleague.id}/edit`)).status).toBe(403);
    expect(
      (await proPages.post(`/directory/entries/${colleague.id}/edit`, { directLine: '' })).status,
    ).toBe(403);
    const other = await request(t.app)
      .patch(`/api/directory/entries/${colleague.id}`)
      .set(bearer(proB))
      .send({ directLine: '02 97 11 22 44' });
    expect(other.status).toBe(404);
    expect((await rowOf(colleague.id)).directLine).toBeNull();
  });

  it('tells a professional without an entry so (page), a 404 on the API', async () => {
    const page = await proBPages.agent.get('/directory/me');
    expect(page.status).toBe(200);
    expect(page.text).toContain('n’est relié à aucune fiche');
    const api = await request(t.app)
      .patch('/api/directory/me')
      .set(bearer(proB))
      .send({ mobile: '' });
    expect(api.status).toBe(404);
  });
});

describe('managers edit the local fields of any entry of their territory', () => {
  it('hides an entry from professionals; its person still reads it', async () => {
    const form = await managerPages.agent.get(`/directory/entries/${rheumatologist.id}/edit`);
    expect(form.status).toBe(200);
    const res = await managerPages.post(`/directory/entries/${rheumatologist.id}/edit`, {
      directLine: '03 80 12 34 56',
      mobile: '',
      mssante: 'helene.lefevre@medecin.mssante.fr',
      visibility: 'hidden',
    });
    expect(res.status).toBe(303);
    expect(await rowOf(rheumatologist.id)).toMatchObject({ visibility: 'hidden', mobile: null });
    expect((await proPages.agent.get(`/directory/entries/${rheumatologist.id}`)).status).toBe(404);
    const listed = await request(t.app).get('/api/directory/entries?q=lefevre').set(bearer(pro));
    expect(listed.body.total).toBe(0);
    // One's own entry, hidden, stays one's own to read and edit.
    await request(t.app)
      .patch(`/api/directory/entries/${mine.id}`)
      .set(bearer(manager))
      .send({ visibility: 'hidden' })
      .expect(200);
    expect((await proPages.agent.get(`/directory/entries/${mine.id}`)).status).toBe(200);
    expect((await proPages.agent.get('/directory/me')).status).toBe(200);
  });
});

describe('managers link an entry to an on-call professional (and so to their login)', () => {
  const link = (who: AUser, entryId: string, professionalId: string | null) =>
    request(t.app)
      .patch(`/api/directory/entries/${entryId}`)
      .set(bearer(who))
      .send({ professionalId });

  it('links a professional of the territory, whose login then edits the entry as their own', async () => {
    const db = t.db.db;
    const newcomer = await aProfessional(db, {
      id: linkable.serviceId,
      territoryId: linkable.territoryId,
    });
    const login = await aUser(db, 'professional', {
      territories: [{ id: linkable.territoryId }],
      professional: newcomer,
    });
    const entry = await aDirectoryEntry(db, { id: linkable.territoryId }, { lastName: 'NOUVEL' });
    const form = await managerPages.agent.get(`/directory/entries/${entry.id}/edit`);
    expect(form.text).toContain(`<option value="${newcomer.id}">${newcomer.name}</option>`);
    expect((await link(manager, entry.id, newcomer.id)).status).toBe(200);
    expect((await rowOf(entry.id)).professionalId).toBe(newcomer.id);
    const own = await request(t.app)
      .patch('/api/directory/me')
      .set(bearer(login))
      .send({ directLine: '02 97 11 22 55' });
    expect(own.status).toBe(200);
    expect(own.body.entry.id).toBe(entry.id);
  });

  it('refuses a professional linking themself, one already linked, one of another territory', async () => {
    expect((await link(pro, mine.id, null)).status).toBe(403);
    expect((await rowOf(mine.id)).professionalId).not.toBeNull();
    const taken = await link(manager, rheumatologist.id, linkable.colleagueId);
    expect(taken.status).toBe(409);
    expect(taken.body.fields).toHaveProperty('professionalId');
    expect((await link(manager, rheumatologist.id, linkable.proBId)).status).toBe(400);
    expect((await rowOf(rheumatologist.id)).professionalId).toBeNull();
  });
});
