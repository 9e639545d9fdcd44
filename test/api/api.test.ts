import { eq } from 'drizzle-orm';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultDoctorTemplate } from '../../db/seed/demo-territory.js';
import { seedDemo } from '../../db/seed/seed-demo.js';
import { auditLog, professionals, services, shifts } from '../../db/schema/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import {
  aManager,
  aProfessional,
  aService,
  aShift,
  aTerritory,
  aUser,
  type AUser,
  type Service,
  type Territory,
} from '../support/factories.js';

let t: TestApp;
let territory: Territory;
let doctor: Service;
let doctorService: string;
let territoryId: string;
/** The territory's manager, and a professional of its doctor service with an account. */
let manager: AUser;
let professional: AUser;
const now = new Date('2026-11-24T21:00:00Z');

beforeAll(async () => {
  t = await createTestApp({ now });
  const db = t.db.db;
  territory = await aTerritory(db, { fallbackNumber: '+33261914999' });
  territoryId = territory.id;
  doctor = await aService(db, territory, { template: defaultDoctorTemplate });
  doctorService = doctor.id;
  manager = await aManager(db, territory);
  professional = await aUser(db, 'professional', {
    territories: [territory],
    professional: await aProfessional(db, doctor),
  });
});
afterAll(() => t.close());

const as = (user: AUser) => ({ Authorization: `Bearer ${user.token}` });

describe('authentication', () => {
  it('refuses every /api route without credentials (walks the router)', async () => {
    const routes: [string, string][] = [
      ['get', '/api/services/00000000-0000-0000-0000-000000000000/on-duty'],
      ['get', '/api/services/x/shifts'],
      ['get', '/api/services/x/gaps'],
      ['post', '/api/shifts'],
      ['patch', '/api/shifts/x'],
      ['delete', '/api/shifts/x'],
      ['get', '/api/professionals'],
      ['post', '/api/professionals'],
      ['patch', '/api/professionals/x'],
      ['get', '/api/calls'],
      ['get', '/api/calls/x'],
      ['get', '/api/callbacks'],
      ['post', '/api/swaps/x/approve'],
    ];
    // Every route the API router declares must be in the list above: a new route cannot slip through.
    const declared = listApiRoutes(t.app);
    expect(declared.length).toBeGreaterThanOrEqual(routes.length);
    for (const [method, path] of routes) {
      const res = await (request(t.app) as unknown as Record<string, (p: string) => request.Test>)[
        method
      ]!(path);
      expect(res.status, `${method} ${path}`).toBe(401);
    }
    // Public by design: logging in, and accepting an invitation (the link's token is the credential).
    const isPublic = (path: string) =>
      path.startsWith('/session') || path === '/invitations/accept';
    for (const route of declared.filter((r) => !isPublic(r.path))) {
      const path = '/api' + route.path.replace(/:[a-z]+/g, 'x');
      const res = await (request(t.app) as unknown as Record<string, (p: string) => request.Test>)[
        route.method
      ]!(path);
      expect(res.status, `${route.method} ${path}`).toBe(401);
    }
  });

  it('logs in with a password (session + CSRF), refuses a wrong one, and rate-limits', async () => {
    const agent = request.agent(t.app);
    const bad = await agent
      .post('/api/session')
      .send({ email: manager.user.email, password: 'nope' });
    expect(bad.status).toBe(401);
    const ok = await agent
      .post('/api/session')
      .send({ email: manager.user.email, password: manager.password });
    expect(ok.status).toBe(200);
    expect((await agent.get('/api/session')).body.user.role).toBe('manager');
    // A cookie-authenticated mutation without the CSRF token is refused.
    expect((await agent.delete(`/api/shifts/00000000-0000-0000-0000-000000000000`)).status).toBe(
      403,
    );
  });
});

describe('shifts', () => {
  let doctorA: string;
  let doctorB: string;
  beforeAll(async () => {
    [doctorA, doctorB] = [
      (await aProfessional(t.db.db, doctor)).id,
      (await aProfessional(t.db.db, doctor)).id,
    ];
  });

  it('a manager creates a shift from local times; it is audited', async () => {
    const res = await request(t.app).post('/api/shifts').set(as(manager)).send({
      serviceId: doctorService,
      professionalId: null,
      level: 3,
      date: '2027-06-01',
      start: '20:00',
      end: '08:00',
    });
    expect(res.status).toBe(201);
    const [row] = await t.db.db.select().from(shifts).where(eq(shifts.id, res.body.id));
    expect(row!.startsAt.toISOString()).toBe('2027-06-01T18:00:00.000Z');
    expect(row!.endsAt.toISOString()).toBe('2027-06-02T06:00:00.000Z');
    const audits = await t.db.db.select().from(auditLog).where(eq(auditLog.entityId, res.body.id));
    expect(audits[0]).toMatchObject({
      action: 'shift.create',
      actorLabel: manager.user.email,
    });
  });

  it.each([
    [{ date: '2027-03-28', start: '02:30', end: '08:00' }, 400, /n'existe pas/],
    [{ date: '2026-10-25', start: '02:30', end: '08:00' }, 400, /deux fois/],
    [{ startsAt: '2027-06-03T10:00:00Z', endsAt: '2027-06-03T09:00:00Z' }, 400, /finir après/],
    [{ date: '2027-06-03', start: '25:00', end: '08:00' }, 400, /Données invalides/],
  ])('refuses %j with %i', async (time, status, message) => {
    const res = await request(t.app)
      .post('/api/shifts')
      .set(as(manager))
      .send({ serviceId: doctorService, professionalId: null, level: 3, ...time });
    expect(res.status).toBe(status);
    expect(res.body.message).toMatch(message);
  });

  it('refuses an unknown professional and overlapping shifts for one professional', async () => {
    const unknown = await request(t.app).post('/api/shifts').set(as(manager)).send({
      serviceId: doctorService,
      professionalId: '6f1c2a9e-3b4d-4e5f-8a7b-1c2d3e4f5a6b',
      level: 3,
      startsAt: '2027-07-01T18:00:00Z',
      endsAt: '2027-07-02T06:00:00Z',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.fields.professionalId).toMatch(/unknown/);
    const first = await request(t.app).post('/api/shifts').set(as(manager)).send({
      serviceId: doctorService,
      professionalId: doctorA,
      level: 3,
      startsAt: '2027-07-01T18:00:00Z',
      endsAt: '2027-07-02T06:00:00Z',
    });
    expect(first.status).toBe(201);
    const clash = await request(t.app).post('/api/shifts').set(as(manager)).send({
      serviceId: doctorService,
      professionalId: doctorA,
      level: 4,
      startsAt: '2027-07-02T05:00:00Z',
      endsAt: '2027-07-02T10:00:00Z',
    });
    expect(clash.status).toBe(409);
    expect(
      (
        await request(t.app).post('/api/shifts').set(as(manager)).send({
          serviceId: doctorService,
          professionalId: doctorB,
          level: 4,
          startsAt: '2027-07-02T05:00:00Z',
          endsAt: '2027-07-02T10:00:00Z',
        })
      ).status,
    ).toBe(201);
  });

  it('a professional cannot write the rota, nor edit another professional', async () => {
    expect(
      (
        await request(t.app).post('/api/shifts').set(as(professional)).send({
          serviceId: doctorService,
          professionalId: null,
          level: 5,
          date: '2027-08-01',
          start: '20:00',
          end: '08:00',
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await request(t.app)
          .patch(`/api/professionals/${doctorB}`)
          .set(as(professional))
          .send({ name: 'Dr X' })
      ).status,
    ).toBe(403);
  });

  it('on duty now: the ordered contacts, fallback last; gaps over a range', async () => {
    // The PDSA hours of 24 November to 1 December, both levels: each night (from the one
    // before, which ends that morning), Saturday afternoon, Sunday daytime.
    const [first, second] = [
      await aProfessional(t.db.db, doctor),
      await aProfessional(t.db.db, doctor),
    ];
    const cover = async (startsAt: string, hours: number) => {
      const at = new Date(startsAt);
      const endsAt = new Date(at.getTime() + hours * 3_600_000);
      await aShift(t.db.db, doctor, first, { startsAt: at, endsAt, level: 1 });
      await aShift(t.db.db, doctor, second, { startsAt: at, endsAt, level: 2 });
    };
    for (let day = 23; day <= 30; day++) await cover(`2026-11-${day}T19:00:00Z`, 12);
    await cover('2026-11-28T11:00:00Z', 8);
    await cover('2026-11-29T07:00:00Z', 12);
    const onDuty = await request(t.app)
      .get(`/api/services/${doctorService}/on-duty`)
      .set(as(professional));
    expect(onDuty.status).toBe(200);
    expect(onDuty.body.contacts.map((c: { source: string }) => c.source)).toEqual([
      'shift',
      'shift',
      'fallback',
    ]);
    expect(onDuty.body.contacts.map((c: { professionalId: string }) => c.professionalId)).toEqual([
      first.id,
      second.id,
      null,
    ]);
    const gaps = await request(t.app)
      .get(`/api/services/${doctorService}/gaps?from=2026-11-24T00:00:00Z&to=2026-12-01T00:00:00Z`)
      .set(as(manager));
    expect(gaps.status).toBe(200);
    expect(gaps.body.gaps).toEqual([]);
  });
});

describe('directory', () => {
  it('normalises a French mobile, refuses an invalid one with a field message', async () => {
    const ok = await request(t.app).post('/api/professionals').set(as(manager)).send({
      territoryId,
      name: 'Dr Nouveau',
      profession: 'médecin généraliste',
      mobile: '06 39 98 00 77',
    });
    expect(ok.status).toBe(201);
    const [row] = await t.db.db
      .select()
      .from(professionals)
      .where(eq(professionals.id, ok.body.id));
    expect(row!.mobile).toBe('+33639980077');
    const bad = await request(t.app)
      .post('/api/professionals')
      .set(as(manager))
      .send({ territoryId, name: 'Dr Faux', profession: 'médecin', mobile: '12 34' });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.mobile).toMatch(/pas un numéro valide/);
  });

  it('malformed JSON is a 400, not a 500', async () => {
    const res = await request(t.app)
      .post('/api/professionals')
      .set(as(manager))
      .set('Content-Type', 'application/json')
      .send('{"name":');
    expect(res.status).toBe(400);
  });
});

/** The routes the API router declares (express 5 router stack). */
function listApiRoutes(app: unknown): { method: string; path: string }[] {
  type Layer = {
    route?: { path: string; methods: Record<string, boolean> };
    handle?: { stack?: Layer[] };
    name?: string;
  };
  const out: { method: string; path: string }[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route)
        for (const m of Object.keys(layer.route.methods))
          out.push({ method: m, path: layer.route.path });
      else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  const root = (app as { router: { stack: Layer[] } }).router.stack;
  const api = root.find(
    (l) =>
      l.name === 'router' &&
      l.handle?.stack?.some((inner) =>
        inner.handle?.stack?.some((x) => x.route?.path === '/session'),
      ),
  );
  walk(api?.handle?.stack ?? []);
  return out;
}

describe('directory edits', () => {
  it('a PATCH changes only the fields it names', async () => {
    const p = await aProfessional(t.db.db, doctor, {
      languages: ['fr', 'en'],
      email: 'yann@example.org',
    });
    const res = await request(t.app)
      .patch(`/api/professionals/${p.id}`)
      .set(as(manager))
      .send({ name: 'Dr Yann Le Bihan-Morvan' });
    expect(res.status).toBe(200);
    const [after] = await t.db.db.select().from(professionals).where(eq(professionals.id, p.id));
    expect(after).toMatchObject({
      name: 'Dr Yann Le Bihan-Morvan',
      languages: ['fr', 'en'],
      email: 'yann@example.org',
    });
    expect(
      (await request(t.app).patch(`/api/professionals/${p.id}`).set(as(manager)).send({})).status,
    ).toBe(400);
  });
});

describe('shift templates', () => {
  const slot = (name: string, days: string[], start: string, end: string) => ({
    name,
    days,
    start,
    end,
    levels: 1,
    kind: 'weeknight',
  });
  const patchTemplate = (template: unknown[]) =>
    request(t.app).patch(`/api/services/${doctorService}`).set(as(manager)).send({ template });
  const storedTemplate = async () =>
    (await t.db.db.select().from(services).where(eq(services.id, doctorService)))[0]!.template;

  it('refuses a template the rota engine would not expand, with French messages per slot', async () => {
    const before = await storedTemplate();
    const overlapping = await patchTemplate([
      slot('nuit', ['mon', 'tue'], '20:00', '08:00'),
      slot('soirée', ['tue'], '18:00', '22:00'),
    ]);
    expect(overlapping.status).toBe(400);
    expect(overlapping.body.fields['template.1']).toMatch(
      /créneaux « nuit » et « soirée » se chevauchent \(tue\)/,
    );
    const duplicate = await patchTemplate([
      slot('nuit', ['mon'], '20:00', '08:00'),
      slot('nuit', ['sat'], '12:00', '20:00'),
    ]);
    expect(duplicate.status).toBe(400);
    expect(duplicate.body.fields['template.1']).toMatch(/nom déjà utilisé/);
    expect(await storedTemplate()).toEqual(before);
  });

  it('accepts 24:00 as an end time (the split night), which the engine supports', async () => {
    const before = await storedTemplate();
    const split = [
      slot('soir', ['mon'], '20:00', '24:00'),
      slot('nuit-profonde', ['tue'], '00:00', '08:00'),
    ];
    const res = await patchTemplate(split);
    expect(res.status).toBe(200);
    expect((await storedTemplate()).map((s) => s.end)).toEqual(['24:00', '08:00']);
    // 24:00 closes a slot, it never opens one.
    const badStart = await patchTemplate([slot('soir', ['mon'], '24:00', '08:00')]);
    expect(badStart.status).toBe(400);
    expect(badStart.body.fields['template.0.start']).toMatch(/HH:MM/);
    expect((await patchTemplate(before)).status).toBe(200);
  });
});

describe('the demo', () => {
  let demo: TestApp;
  beforeAll(async () => {
    demo = await createTestApp({ now });
    await seedDemo(demo.db.db, now);
  });
  afterAll(() => demo.close());

  it('the login the README gives for the demo works', async () => {
    // README: demo login `coordination@cpts-auray.local` / `garde-auray-2026`.
    const agent = request.agent(demo.app);
    const ok = await agent
      .post('/api/session')
      .send({ email: 'coordination@cpts-auray.local', password: 'garde-auray-2026' });
    expect(ok.status).toBe(200);
    expect((await agent.get('/api/session')).body.user.role).toBe('manager');
  });
});
