import { eq } from 'drizzle-orm';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { professionals } from '../../db/schema/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import {
  aManager,
  aProfessional,
  aService,
  aShift,
  aTerritory,
  aUser,
  type Professional,
  type Service,
  type Territory,
} from '../support/factories.js';
import { webLogin } from '../support/web-session.js';

const now = new Date('2026-11-24T10:00:00Z');
let t: TestApp;
let territory: Territory;
let doctors: Service;
let annie: Professional;
let manager: string;
let annieLogin: { email: string; password: string };

beforeAll(async () => {
  t = await createTestApp({ now });
  const db = t.db.db;
  territory = await aTerritory(db);
  doctors = await aService(db, territory);
  annie = await aProfessional(db, doctors);
  await aShift(db, doctors, annie, { level: 1 });
  manager = `Bearer ${(await aManager(db, territory)).token}`;
  const user = await aUser(db, 'professional', { territories: [territory], professional: annie });
  annieLogin = { email: user.user.email, password: user.password };
});
afterAll(() => t.close());

const feed = (token: string) => request(t.app).get(`/ical/professional/${token}.ics`);
const tokenOf = async (id: string) =>
  (await t.db.db.select().from(professionals).where(eq(professionals.id, id)))[0]!.icalToken;

describe('iCal feeds', () => {
  it('a CR/LF in a service name cannot forge a line of the feed, and such a name is refused at the write', async () => {
    const refused = await request(t.app)
      .patch(`/api/services/${doctors.id}`)
      .set('Authorization', manager)
      .send({ name: 'Garde\r\nX-EVIL:1' });
    expect(refused.status).toBe(400);
    // A name already stored with a CR/LF (written before the rule) still gives a sound feed.
    await t.db.db
      .update(professionals)
      .set({ name: 'Dr A\r\nBEGIN:VEVENT' })
      .where(eq(professionals.id, annie.id));
    const res = await feed(annie.icalToken);
    expect(res.status).toBe(200);
    const lines = res.text.split('\r\n');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
    expect(lines.find((l) => l.startsWith('X-WR-CALNAME:'))).toBe(
      'X-WR-CALNAME:Gardes · Dr A BEGIN:VEVENT',
    );
  });

  it('the token rotates from the "Mes gardes" page: the old URL stops, the new one works', async () => {
    const old = await tokenOf(annie.id);
    const web = await webLogin(t.app, annieLogin.email, annieLogin.password);
    const page = await web.agent.get('/me');
    expect(page.text).toContain('action="/me/ical-token"');
    const rotated = await web.post('/me/ical-token');
    expect(rotated.status).toBe(303);
    const fresh = await tokenOf(annie.id);
    expect(fresh).not.toBe(old);
    expect((await feed(old)).status).toBe(404);
    expect((await feed(fresh)).status).toBe(200);
  });

  it('the API rotates a professional’s and a service’s token (managers), once per call', async () => {
    const res = await request(t.app)
      .post(`/api/professionals/${annie.id}/ical-token`)
      .set('Authorization', manager);
    expect(res.status).toBe(201);
    const token = /\/ical\/professional\/([^/]+)\.ics$/.exec(res.body.url)![1]!;
    expect((await feed(token)).status).toBe(200);
    const service = await request(t.app)
      .post(`/api/services/${doctors.id}/ical-token`)
      .set('Authorization', manager);
    expect(service.status).toBe(201);
    expect((await request(t.app).get(`/ical/service/${doctors.icalToken}.ics`)).status).toBe(404);
    expect((await request(t.app).get(new URL(service.body.url).pathname)).status).toBe(200);
    // Another territory's manager learns nothing.
    const stranger = `Bearer ${(await aManager(t.db.db, await aTerritory(t.db.db))).token}`;
    const foreign = await request(t.app)
      .post(`/api/professionals/${annie.id}/ical-token`)
      .set('Authorization', stranger);
    expect(foreign.status).toBe(404);
  });

  it('a deactivated professional’s feed answers 404', async () => {
    const token = await tokenOf(annie.id);
    expect((await feed(token)).status).toBe(200);
    await t.db.db
      .update(professionals)
      .set({ active: false })
      .where(eq(professionals.id, annie.id));
    expect((await feed(token)).status).toBe(404);
  });
});
