import { and, eq } from 'drizzle-orm';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultDoctorTemplate } from '../../db/seed/demo-territory.js';
import { auditLog, services, smsMessages } from '../../db/schema/index.js';
import { gapAlert } from '../../server/planning/reminders/gap-alert-job.js';
import { createTestApp, type TestApp } from '../support/app.js';
import {
  aProfessional,
  aService,
  aShift,
  aTerritory,
  aUser,
  type Service,
  type Territory,
} from '../support/factories.js';
import { webLogin } from '../support/web-session.js';

// Issue 15, point 2: each service keeps its own PDSA hours; gaps and the gap alert follow them.
// Tuesday 24 November 2026, 22:00 in Paris (UTC+1 all through the test).
const now = new Date('2026-11-24T21:00:00Z');
let t: TestApp;
let territory: Territory;
let mmg: Service;
let pharmacy: Service;
let bearer: string;
let manager: Awaited<ReturnType<typeof aUser>>;

// Both rotas are held from before now to past the gap alert's 14 days, except the two
// Saturdays' daytime (28 November and 5 December, 08:00–20:00 Paris).
const held = [
  ['2026-11-24T00:00:00Z', '2026-11-28T07:00:00Z'],
  ['2026-11-28T19:00:00Z', '2026-12-05T07:00:00Z'],
  ['2026-12-05T19:00:00Z', '2026-12-10T00:00:00Z'],
] as const;

beforeAll(async () => {
  t = await createTestApp({ now });
  const db = t.db.db;
  territory = await aTerritory(db);
  mmg = await aService(db, territory, {
    name: 'MMG',
    requiredLevels: 1,
    template: defaultDoctorTemplate,
  });
  pharmacy = await aService(db, territory, {
    kind: 'pharmacy',
    name: 'Pharmacie de garde',
    requiredLevels: 1,
    template: defaultDoctorTemplate,
  });
  for (const service of [mmg, pharmacy]) {
    const holder = await aProfessional(db, service);
    for (const [startsAt, endsAt] of held)
      await aShift(db, service, holder, {
        startsAt: new Date(startsAt),
        endsAt: new Date(endsAt),
      });
  }
  manager = await aUser(db, 'manager', {
    territories: [territory],
    professional: { id: (await aProfessional(db, mmg)).id },
  });
  bearer = `Bearer ${manager.token}`;
});
afterAll(() => t.close());

const gapsOf = async (service: Service, from: string, to: string) => {
  const res = await request(t.app)
    .get(`/api/services/${service.id}/gaps`)
    .query({ from, to })
    .set('Authorization', bearer);
  expect(res.status).toBe(200);
  return (res.body.gaps as { start: string; end: string }[]).map((g) => [g.start, g.end]);
};
const saturday = () => ['2026-11-27T23:00:00Z', '2026-11-28T23:00:00Z'] as const;
const patch = (service: Service, body: object) =>
  request(t.app).patch(`/api/services/${service.id}`).set('Authorization', bearer).send(body);
const alerts = async () =>
  (
    await t.db.db
      .select({ body: smsMessages.body })
      .from(smsMessages)
      .where(and(eq(smsMessages.kind, 'gap_alert'), eq(smsMessages.territoryId, territory.id)))
  ).map((r) => r.body);

describe('PDSA hours per service', () => {
  it('by default every service keeps the territory’s hours: both show the Saturday afternoon gap', async () => {
    const afternoon = [['2026-11-28T11:00:00.000Z', '2026-11-28T19:00:00.000Z']];
    expect(await gapsOf(mmg, ...saturday())).toEqual(afternoon);
    expect(await gapsOf(pharmacy, ...saturday())).toEqual(afternoon);
    await gapAlert(t.deps);
    expect(await alerts()).toEqual([expect.stringContaining(' 4 créneau(x)')]);
  });

  it('refuses bad hours with a 400 naming the field, and changes nothing', async () => {
    const bad = await patch(pharmacy, { saturdayHours: 'afternoons', nightHours: 'all' });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.saturdayHours).toMatch(/samedi.*'none'/);
    expect(bad.body.fields.nightHours).toMatch(/nuits.*'evening'/);
    const [row] = await t.db.db.select().from(services).where(eq(services.id, pharmacy.id));
    expect(row).toMatchObject({ saturdayHours: 'territory', nightHours: 'full' });
  });

  it('a pharmacy open on Saturday afternoon has no gap then, while the MMG still has one', async () => {
    const res = await patch(pharmacy, { saturdayHours: 'none' });
    expect(res.status).toBe(200);
    const [row] = await t.db.db.select().from(services).where(eq(services.id, pharmacy.id));
    expect(row).toMatchObject({ saturdayHours: 'none', nightHours: 'full' });
    const audited = await t.db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'service.update'), eq(auditLog.entityId, pharmacy.id)));
    expect(audited).toHaveLength(1);

    expect(await gapsOf(pharmacy, ...saturday())).toEqual([]);
    expect(await gapsOf(mmg, ...saturday())).toEqual([
      ['2026-11-28T11:00:00.000Z', '2026-11-28T19:00:00.000Z'],
    ]);
  });

  it('the daily gap alert no longer counts the pharmacy’s Saturday afternoons', async () => {
    const before = await alerts();
    await gapAlert(t.deps);
    const added = (await alerts()).filter((b) => !before.includes(b));
    expect(added).toEqual([expect.stringContaining(' 2 créneau(x)')]);
  });

  it('"00:00–08:00 régulation only" removes the after-midnight part of a night gap', async () => {
    // The night of Tuesday 15 December, 20:00 → 08:00 Paris: nobody on the rota.
    const night = ['2026-12-15T19:00:00Z', '2026-12-16T07:00:00Z'] as const;
    expect(await gapsOf(mmg, ...night)).toEqual([
      ['2026-12-15T19:00:00.000Z', '2026-12-16T07:00:00.000Z'],
    ]);
    expect((await patch(mmg, { nightHours: 'evening' })).status).toBe(200);
    expect(await gapsOf(mmg, ...night)).toEqual([
      ['2026-12-15T19:00:00.000Z', '2026-12-15T23:00:00.000Z'],
    ]);
    // The pharmacy keeps its own full nights.
    expect(await gapsOf(pharmacy, ...night)).toEqual([
      ['2026-12-15T19:00:00.000Z', '2026-12-16T07:00:00.000Z'],
    ]);
  });

  it('"Saturday from 08:00" makes Saturday morning a gap for that service only', async () => {
    expect((await patch(mmg, { saturdayHours: 'day' })).status).toBe(200);
    expect(await gapsOf(mmg, ...saturday())).toEqual([
      ['2026-11-28T07:00:00.000Z', '2026-11-28T19:00:00.000Z'],
    ]);
    expect(await gapsOf(pharmacy, ...saturday())).toEqual([]);
  });

  it('the home page says each service’s hours in French', async () => {
    const session = await webLogin(t.app, manager.user.email, manager.password);
    const home = await session.agent.get('/');
    expect(home.status).toBe(200);
    expect(home.text).toContain(
      'Horaires PDSA : soirées 20 h – minuit (de minuit à 8 h : régulation seule) ; samedi dès 8 h',
    );
    expect(home.text).toContain('Horaires PDSA : nuits 20 h – 8 h ; pas le samedi en journée');
  });
});
