import { and, eq } from 'drizzle-orm';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultDoctorTemplate } from '../../db/seed/demo-territory.js';
import { overrides, smsMessages, unavailabilities, users } from '../../db/schema/index.js';
import { gapAlert } from '../../server/planning/reminders/gap-alert-job.js';
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
  type Shift,
  type Territory,
} from '../support/factories.js';
import { webLogin, type WebSession } from '../support/web-session.js';

// The leave and override write doors: who is told, in which transaction, and what every door
// refuses (one command each, so the pages refuse what the API refuses, with a 400 in French).
const night = new Date('2026-11-24T21:00:00Z');
let t: TestApp;
let territory: Territory;
let service: Service;
let holder: Professional;
let stand: Professional;
let shift: Shift;
let web: WebSession;

beforeAll(async () => {
  t = await createTestApp({ now: night });
  const db = t.db.db;
  territory = await aTerritory(db);
  service = await aService(db, territory);
  holder = await aProfessional(db, service);
  stand = await aProfessional(db, service);
  shift = await aShift(db, service, holder);
  const mgr = await aManager(db, territory);
  web = await webLogin(t.app, mgr.user.email, mgr.password);
});
afterAll(() => t.close());

/** A territory with a shift, its holder's account, an open and a closed manager account. */
async function territoryWithManagers() {
  const db = t.db.db;
  const place = await aTerritory(db);
  const doctors = await aService(db, place, { requiredLevels: 2, template: defaultDoctorTemplate });
  const doctor = await aProfessional(db, doctors);
  await aShift(db, doctors, doctor, { level: 1 });
  const own = await aUser(db, 'professional', { territories: [place], professional: doctor });
  const current = await aProfessional(db, doctors);
  await aUser(db, 'manager', { territories: [place], professional: current });
  const former = await aProfessional(db, doctors);
  const closed = await aUser(db, 'manager', { territories: [place], professional: former });
  await db.update(users).set({ deactivatedAt: night }).where(eq(users.id, closed.user.id));
  return { place, doctor, own, current, former };
}

const smsOf = (territoryId: string, kind: string) =>
  t.db.db
    .select()
    .from(smsMessages)
    .where(and(eq(smsMessages.kind, kind), eq(smsMessages.territoryId, territoryId)));

const leaveOver = (token: string, professionalId: string) =>
  request(t.app).post('/api/unavailability').set('Authorization', `Bearer ${token}`).send({
    professionalId,
    startsAt: '2026-11-24T20:00:00Z',
    endsAt: '2026-11-25T03:00:00Z',
  });

describe('managers told of leave and gaps', () => {
  it('a former manager (account closed) gets no leave-conflict SMS', async () => {
    const { place, doctor, own, current } = await territoryWithManagers();
    expect((await leaveOver(own.token, doctor.id)).status).toBe(201);
    const sent = await smsOf(place.id, 'leave_conflict');
    expect(sent.map((s) => s.toNumber)).toEqual([current.mobile]);
  });

  it('a former manager gets no daily gap alert', async () => {
    const { place, current } = await territoryWithManagers();
    await gapAlert(t.deps);
    const sent = await smsOf(place.id, 'gap_alert');
    expect(sent.map((s) => s.toNumber)).toEqual([current.mobile]);
  });
});

describe('the leave notice and its leave', () => {
  it('are written in one transaction: a notice that cannot be written saves no leave', async () => {
    const { place, doctor, own } = await territoryWithManagers();
    // This territory's SMS rows are refused by the database (its own test database).
    await t.db.sql.unsafe(
      `alter table sms_messages add constraint no_sms_here
         check (territory_id is distinct from '${place.id}') not valid`,
    );
    try {
      expect((await leaveOver(own.token, doctor.id)).status).toBe(500);
    } finally {
      await t.db.sql.unsafe('alter table sms_messages drop constraint no_sms_here');
    }
    expect(
      await t.db.db
        .select()
        .from(unavailabilities)
        .where(eq(unavailabilities.professionalId, doctor.id)),
    ).toHaveLength(0);
  });
});

describe('every door that records leave', () => {
  const leaveOf = (professionalId: string) =>
    t.db.db
      .select()
      .from(unavailabilities)
      .where(eq(unavailabilities.professionalId, professionalId));

  it('the page refuses a reason over 200 characters, in French', async () => {
    const res = await web.post('/rota/leave', {
      territory: territory.id,
      professionalId: stand.id,
      from: '2026-12-10',
      to: '2026-12-11',
      reason: 'x'.repeat(201),
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Le motif tient en 200 caractères au plus');
    expect(await leaveOf(stand.id)).toHaveLength(0);
  });

  it('the page refuses a year outside 2000–2100, in French', async () => {
    for (const [from, to] of [
      ['1999-12-10', '1999-12-11'],
      ['2101-01-02', '2101-01-03'],
    ]) {
      const res = await web.post('/rota/leave', {
        territory: territory.id,
        professionalId: stand.id,
        from: from!,
        to: to!,
      });
      expect(res.status).toBe(400);
      expect(res.text).toContain('Date hors limites (2000–2100)');
    }
    expect(await leaveOf(stand.id)).toHaveLength(0);
  });

  it('the page refuses a professional id that is no uuid (36 dashes) with a 400', async () => {
    const res = await web.post('/rota/leave', {
      territory: territory.id,
      professionalId: '-'.repeat(36),
      from: '2026-12-10',
      to: '2026-12-11',
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Choisissez le professionnel.');
  });
});

describe('every door that writes an override', () => {
  it('the page refuses an end before the start with a 400 in French, nothing written', async () => {
    const res = await web.post('/rota/overrides', {
      service: service.id,
      shiftId: shift.id,
      professionalId: stand.id,
      from: '2026-11-24T23:00',
      to: '2026-11-24T22:00',
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain('La fin doit suivre le début');
    expect(await t.db.db.select().from(overrides)).toHaveLength(0);
  });

  it('the API relies on the command for it: a 400 in French', async () => {
    const mgr = await aManager(t.db.db, territory);
    const res = await request(t.app)
      .post('/api/overrides')
      .set('Authorization', `Bearer ${mgr.token}`)
      .send({
        shiftId: shift.id,
        professionalId: stand.id,
        startsAt: '2026-11-24T22:00:00Z',
        endsAt: '2026-11-24T21:00:00Z',
      });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('La fin doit suivre le début');
    expect(await t.db.db.select().from(overrides)).toHaveLength(0);
  });
});
