import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import {
  aManager,
  aProfessional,
  aService,
  aShift,
  aTerritory,
  anAdmin,
} from '../support/factories.js';
import { webLogin } from '../support/web-session.js';

/** The builders make things the app itself reads as valid: a rota on duty, users who get in. */
describe('test data builders', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('build a rota the API reads as on duty, for a manager who gets in with the API token', async () => {
    const db = t.db.db;
    const territory = await aTerritory(db);
    const doctors = await aService(db, territory);
    const [primary, backup] = [await aProfessional(db, doctors), await aProfessional(db, doctors)];
    await aShift(db, doctors, primary, { level: 1 });
    await aShift(db, doctors, backup, { level: 2 });
    const manager = await aManager(db, territory);

    const session = await request(t.app)
      .get('/api/session')
      .set('Authorization', `Bearer ${manager.token}`);
    expect(session.body.user).toMatchObject({ role: 'manager', territoryIds: [territory.id] });
    const onDuty = await request(t.app)
      .get(`/api/services/${doctors.id}/on-duty?at=2026-11-24T21:00:00Z`)
      .set('Authorization', `Bearer ${manager.token}`);
    expect(onDuty.status).toBe(200);
    expect(onDuty.body.contacts.map((c: { phone: string }) => c.phone)).toEqual([
      primary.mobile,
      backup.mobile,
    ]);
  });

  it('make users who log in through the login form with their password, and unique ones', async () => {
    const [a, b] = [await anAdmin(t.db.db), await anAdmin(t.db.db)];
    expect(a.user.email).not.toBe(b.user.email);
    const web = await webLogin(t.app, a.user.email, a.password);
    expect((await web.agent.get('/api/session')).body.user.email).toBe(a.user.email);
  });
});
