import { eq } from 'drizzle-orm';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adviceWindows, auditLog, avisRequests } from '../../db/schema/index.js';
import { aDirectoryEntry, type DirectoryEntry } from '../support/advice.js';
import { createTestApp, type TestApp } from '../support/app.js';
import {
  aManager,
  aProfessional,
  aService,
  aTerritory,
  aUser,
  type AUser,
} from '../support/factories.js';
import { webLogin, type WebSession } from '../support/web-session.js';

const now = new Date('2026-11-24T10:00:00Z');
let t: TestApp;
let specialist: AUser;
let manager: AUser;
let entry: DirectoryEntry;
let gp: DirectoryEntry;
let page: WebSession;

beforeAll(async () => {
  t = await createTestApp({ now });
  const db = t.db.db;
  const territory = await aTerritory(db);
  const service = await aService(db, territory);
  const pro = await aProfessional(db, service);
  entry = await aDirectoryEntry(db, territory, {
    specialtyCodes: ['SM48', 'SM41'],
    professionalId: pro.id,
  });
  gp = await aDirectoryEntry(db, territory, { lastName: 'Généraliste' });
  specialist = await aUser(db, 'professional', { territories: [territory], professional: pro });
  manager = await aManager(db, territory);
  page = await webLogin(t.app, specialist.user.email, specialist.password);
});
afterAll(() => t.close());

const auditOf = (action: string) =>
  t.db.db.select().from(auditLog).where(eq(auditLog.action, action));

describe('a specialist declares advice on /advice', () => {
  it('offers rheumatology on Tuesdays 12:30–13:30 from the form: one audited write', async () => {
    const form = await page.agent.get('/advice');
    expect(form.text).toMatch(/Proposer un avis/);
    const res = await page.post('/advice/offers', {
      specialty: 'SM48',
      windows: 'mardi 12:30–13:30\njeudi 8h00-9h00',
      directLine: '02 61 91 70 50',
      deadlineHours: '24',
    });
    expect(res.status).toBe(303);
    const api = await request(t.app)
      .get('/api/advice/offers')
      .set('Authorization', `Bearer ${specialist.token}`);
    expect(api.body.offers).toMatchObject([
      {
        specialty: 'SM48',
        specialtyLabel: 'Rhumatologie',
        directLine: '+33261917050',
        deadlineHours: 24,
        windows: [
          { weekday: 2, start: '12:30', end: '13:30' },
          { weekday: 4, start: '08:00', end: '09:00' },
        ],
      },
    ]);
    expect(await auditOf('advice_offer.create')).toHaveLength(1);
    expect((await page.agent.get('/advice')).text).toMatch(/mardi 12:30–13:30/);
  });

  it('refuses a window it cannot read, a specialty not of the entry, and a second offer', async () => {
    const bad = await page.post('/advice/offers', {
      specialty: 'SM41',
      windows: 'mardi midi',
      deadlineHours: '48',
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/Créneau non compris/);
    const api = (body: object) =>
      request(t.app)
        .post('/api/advice/offers')
        .set('Authorization', `Bearer ${specialist.token}`)
        .send(body);
    const windows = [{ weekday: 2, start: '12:30', end: '13:30' }];
    expect((await api({ specialty: 'SM54', windows })).status).toBe(400);
    expect((await api({ specialty: 'SM48', windows })).status).toBe(409);
    expect(
      (await api({ specialty: 'SM41', windows: [{ weekday: 2, start: '14:00', end: '13:00' }] }))
        .status,
    ).toBe(400);
  });

  it('changes and removes an offer through the API, each write audited', async () => {
    const auth = { Authorization: `Bearer ${specialist.token}` };
    const created = await request(t.app)
      .post('/api/advice/offers')
      .set(auth)
      .send({ specialty: 'SM41', windows: [{ weekday: 5, start: '12:00', end: '13:00' }] });
    expect(created.status).toBe(201);
    const put = await request(t.app)
      .put(`/api/advice/offers/${created.body.id}`)
      .set(auth)
      .send({
        specialty: 'SM41',
        windows: [{ weekday: 1, start: '00:00', end: '24:00' }],
        deadlineHours: 12,
      });
    expect(put.status).toBe(200);
    const windows = await t.db.db
      .select()
      .from(adviceWindows)
      .where(eq(adviceWindows.offerId, created.body.id));
    expect(windows).toMatchObject([{ weekday: 1, start: '00:00', end: '24:00' }]);
    // A manager of the territory may remove it too.
    expect(
      (
        await request(t.app)
          .delete(`/api/advice/offers/${created.body.id}`)
          .set('Authorization', `Bearer ${manager.token}`)
      ).status,
    ).toBe(204);
    expect(await auditOf('advice_offer.update')).toHaveLength(1);
    expect(await auditOf('advice_offer.delete')).toHaveLength(1);
  });
});

describe('avis requests', () => {
  it('an overdue request shows on /advice/requests and on the manager’s dashboard; the specialist marks it answered', async () => {
    const [req] = await t.db.db
      .insert(avisRequests)
      .values({
        territoryId: entry.territoryId,
        callSid: 'CA' + 'f'.repeat(32),
        requesterEntryId: gp.id,
        specialtyCode: 'SM48',
        specialistEntryIds: [entry.id],
        deadline: new Date('2026-11-23T10:00:00Z'),
        createdAt: new Date('2026-11-21T10:00:00Z'),
      })
      .returning();
    const list = await page.agent.get('/advice/requests');
    expect(list.text).toMatch(/Généraliste/);
    expect(list.text).toMatch(/en retard/);
    const boss = await webLogin(t.app, manager.user.email, manager.password);
    const home = await boss.agent.get('/');
    expect(home.text).toMatch(/Demandes d’avis en retard/);
    expect(home.text).toMatch(/Généraliste/);
    expect((await page.post(`/advice/requests/${req!.id}/answered`)).status).toBe(303);
    const [after] = await t.db.db.select().from(avisRequests).where(eq(avisRequests.id, req!.id));
    expect(after).toMatchObject({ status: 'answered', answeredByEntryId: entry.id });
    expect((await boss.agent.get('/')).text).toMatch(/Aucune demande d’avis en retard/);
    expect((await page.post(`/advice/requests/${req!.id}/answered`)).status).toBe(409);
  });
});
