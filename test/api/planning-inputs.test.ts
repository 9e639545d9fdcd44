import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aManager, aProfessional, aService, aShift, aTerritory } from '../support/factories.js';
import { webLogin, type WebSession } from '../support/web-session.js';
import { planningWorld, type PlanningWorld } from './planning-world.js';

// Inputs that answered 500 (or were accepted) where a 400/404/409 was due: one set of rules.
let w: PlanningWorld;
let web: WebSession;
beforeAll(async () => {
  w = await planningWorld();
  const mgr = await aManager(w.t.db.db, w.territory);
  web = await webLogin(w.t.app, mgr.user.email, mgr.password);
});
afterAll(() => w.t.close());

const api = (method: 'get' | 'post' | 'put' | 'delete', path: string, body?: object) => {
  const r = request(w.t.app)[method](path).set('Authorization', w.manager);
  return body ? r.send(body) : r;
};
const extreme = ['275760-01-01', '-1', '9999-12-31', '+275760-09-13T00:00:00Z', '1e21'];

describe('dates at the edge', () => {
  it.each(['2026-13-45', '2026-02-30', '9999-12-31'])(
    'an impossible or far day on the calendar routes is a 400: %s',
    async (day) => {
      const put = await api('put', `/api/territories/${w.territory.id}/calendar/${day}`, {
        kind: 'pont',
      });
      expect(put.status).toBe(400);
      expect(
        (await api('delete', `/api/territories/${w.territory.id}/calendar/${day}`)).status,
      ).toBe(400);
    },
  );

  it.each(extreme)(
    'an extreme date on calls, on-duty, gaps, shifts and fairness is a 400: %s',
    async (raw) => {
      const d = encodeURIComponent(raw);
      const s = w.doctor.id;
      const paths = [
        `/api/services/${s}/on-duty?at=${d}`,
        `/api/services/${s}/gaps?from=${d}&to=2026-12-01T00:00:00Z`,
        `/api/services/${s}/gaps?from=2026-11-01T00:00:00Z&to=${d}`,
        `/api/services/${s}/shifts?from=2026-11-01T00:00:00Z&to=${d}`,
        `/api/services/${s}/fairness?from=2026-11-01T00:00:00Z&to=${d}`,
        `/api/calls?from=${d}`,
        `/api/calls?to=${d}`,
      ];
      for (const path of paths)
        expect([path, (await api('get', path)).status]).toEqual([path, 400]);
    },
  );

  it('auto-fill: six months at most, and impossible days refused, from the API and the page link', async () => {
    const s = w.doctor.id;
    for (const body of [
      { from: '2026-12-01', to: '9999-12-31' },
      { from: '2026-12-01', to: '2027-07-01' },
      { from: '2026-02-30', to: '2026-03-02' },
      { from: '-1', to: '2026-12-01' },
    ])
      expect((await api('post', `/api/services/${s}/auto-fill`, body)).status).toBe(400);
    const page = await web.agent.get(`/rota/auto-fill?service=${s}&from=2026-12-01&to=9999-12-31`);
    expect(page.status).toBe(400);
    const accept = await web.post('/rota/auto-fill', {
      service: s,
      from: '2026-12-01',
      to: '9999-12-31',
    });
    expect(accept.status).toBe(400);
    // A link computes a month or two; three months go through the form's POST (CSRF), six at most.
    const link = await web.agent.get(`/rota/auto-fill?service=${s}&from=2027-01-01&to=2027-03-31`);
    expect(link.status).toBe(400);
    expect(link.text).toMatch(/utilisez le formulaire/);
    const month = await web.agent.get(`/rota/auto-fill?service=${s}&from=2027-01-01&to=2027-01-31`);
    expect(month.status).toBe(200);
    expect(month.text).toContain('action="/rota/auto-fill/preview"');
    const form = await web.post('/rota/auto-fill/preview', {
      service: s,
      from: '2027-01-01',
      to: '2027-03-31',
    });
    expect(form.status).toBe(200);
    expect(form.text).toMatch(/garde\(s\) proposée\(s\)/);
    const tooLong = await web.post('/rota/auto-fill/preview', {
      service: s,
      from: '2027-01-01',
      to: '2027-12-31',
    });
    expect(tooLong.status).toBe(400);
  });
});

describe('territories', () => {
  const body = (n: string) => ({
    slug: `nouveau-${n}`,
    name: `Nouveau ${n}`,
    numbers: [`+3329700${n}00`],
  });

  it('a taken slug or number is a 409 that says which; an unknown time zone a 400', async () => {
    const created = await request(w.t.app)
      .post('/api/territories')
      .set('Authorization', w.admin)
      .send(body('11'));
    expect(created.status).toBe(201);
    const sameSlug = await request(w.t.app)
      .post('/api/territories')
      .set('Authorization', w.admin)
      .send({ ...body('12'), slug: 'nouveau-11' });
    expect(sameSlug.status).toBe(409);
    expect(sameSlug.body.message).toMatch(/slug/);
    const sameNumber = await request(w.t.app)
      .post('/api/territories')
      .set('Authorization', w.admin)
      .send({ ...body('13'), numbers: ['+33297001100'] });
    expect(sameNumber.status).toBe(409);
    expect(sameNumber.body.message).toMatch(/Numéro déjà attribué/);
    const zone = await request(w.t.app)
      .post('/api/territories')
      .set('Authorization', w.admin)
      .send({ ...body('14'), timeZone: 'Mars/Olympus_Mons' });
    expect(zone.status).toBe(400);
    expect(zone.body.fields.timeZone).toMatch(/fuseau/);
  });
});

describe('ids on page and API routes', () => {
  it.each(['x', '123', "1'"])('a non-uuid id is a 400 or 404, never a 500: %s', async (id) => {
    expect((await web.agent.get(`/rota/shifts/${id}/edit`)).status).toBe(404);
    expect(
      (
        await web.post(`/rota/shifts/${id}/edit`, {
          date: '2026-12-01',
          start: '20:00',
          end: '08:00',
          level: '1',
        })
      ).status,
    ).toBe(404);
    expect((await web.post(`/swaps/${encodeURIComponent(id)}/approve`)).status).toBe(400);
    expect((await api('get', `/api/services/${id}/gaps`)).status).toBe(400);
  });

  it('another territory’s shift edit page is a 404, as an unknown one; so is another territory’s service', async () => {
    const db = w.t.db.db;
    const elsewhere = await aService(db, await aTerritory(db));
    const theirs = await aShift(db, elsewhere, await aProfessional(db, elsewhere));
    expect((await web.agent.get(`/rota/shifts/${theirs.id}/edit`)).status).toBe(404);
    const unknown = '00000000-0000-4000-8000-000000000001';
    for (const id of [elsewhere.id, unknown]) {
      const res = await api(
        'get',
        `/api/services/${id}/gaps?from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z`,
      );
      expect(res.status).toBe(404);
      expect(
        (
          await api(
            'get',
            `/api/services/${id}/fairness?from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z`,
          )
        ).status,
      ).toBe(404);
    }
  });
});

describe('CSV import limits', () => {
  const head = 'service,date,debut,fin,professionnel,niveau';
  const post = (csv: string) =>
    api('post', `/api/services/${w.doctor.id}/shifts.csv`)
      .set('Content-Type', 'text/csv')
      .send(csv);

  it('600 overlapping rows: a 400 with the first 50 errors and their count, not a 500 or megabytes', async () => {
    const rows = Array.from(
      { length: 600 },
      () => `${w.doctor.name},2027-06-01,20:00,08:00,${w.annie.mobile},1`,
    );
    const res = await post([head, ...rows].join('\n'));
    expect(res.status).toBe(400);
    expect(res.body.errors).toHaveLength(50);
    expect(res.body.errorCount).toBeGreaterThanOrEqual(599);
    expect(res.text.length).toBeLessThan(50_000);
  });

  it('more than 5,000 rows: a 413 that says the limit', async () => {
    const rows = Array.from(
      { length: 5_001 },
      (_, i) => `${w.doctor.name},2027-06-01,20:00,08:00,,${1 + (i % 9)}`,
    );
    const res = await post([head, ...rows].join('\n'));
    expect(res.status).toBe(413);
    expect(res.body.message).toMatch(/5000 lignes/);
  });
});
