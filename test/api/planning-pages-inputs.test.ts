import { eq } from 'drizzle-orm';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { overrides, pontRefusals, services, unavailabilities } from '../../db/schema/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import {
  aManager,
  aProfessional,
  aService,
  aShift,
  aTerritory,
  type Professional,
  type Service,
  type Shift,
  type Territory,
} from '../support/factories.js';
import { webLogin, type WebSession } from '../support/web-session.js';

// The planning pages refuse bad input with a 4xx and a French reason, and write nothing.
let t: TestApp;
let web: WebSession;
let token: string;
let territory: Territory;
let service: Service;
let holder: Professional;
let stand: Professional;
let shift: Shift;
const night = {
  'name.0': 'nuit',
  'days.0': ['mon', 'tue'],
  'start.0': '20:00',
  'end.0': '08:00',
  'levels.0': '1',
  'kind.0': 'weeknight',
};

beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-11-20T10:00:00Z') });
  const db = t.db.db;
  territory = await aTerritory(db);
  service = await aService(db, territory);
  holder = await aProfessional(db, service);
  stand = await aProfessional(db, service);
  shift = await aShift(db, service, holder);
  const mgr = await aManager(db, territory);
  token = `Bearer ${mgr.token}`;
  web = await webLogin(t.app, mgr.user.email, mgr.password);
});
afterAll(() => t.close());

const templateOf = async () =>
  (await t.db.db.select().from(services).where(eq(services.id, service.id)))[0]!.template;

describe('the template editor', () => {
  it('a bad end hour is refused on its row, in French, and the template is unchanged', async () => {
    const before = await templateOf();
    const res = await web.post('/rota/template', {
      service: service.id,
      ...night,
      'end.0': '25:00',
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Ligne 1 (« nuit ») : fin : heure HH:MM attendue (ou 24:00)');
    expect(res.text).toContain('value="25:00"');
    expect(await templateOf()).toEqual(before);
  });

  it('two overlapping rows are refused by the command, naming the second row', async () => {
    const res = await web.post('/rota/template', {
      service: service.id,
      ...night,
      'name.1': 'soir',
      'days.1': 'tue',
      'start.1': '22:00',
      'end.1': '23:00',
      'levels.1': '1',
      'kind.1': 'weeknight',
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Ligne 2 (« soir ») : créneaux « nuit » et « soir » se chevauchent');
    expect(await templateOf()).toEqual([]);
  });

  it('a valid template is saved; a ticked row is removed', async () => {
    const res = await web.post('/rota/template', { service: service.id, ...night });
    expect(res.status).toBe(303);
    expect(await templateOf()).toHaveLength(1);
    await web.post('/rota/template', { service: service.id, ...night, 'remove.0': '1' });
    expect(await templateOf()).toEqual([]);
  });
});

describe('overrides', () => {
  it('an override outside its shift is refused with the form kept, nothing written', async () => {
    const res = await web.post('/rota/overrides', {
      service: service.id,
      shiftId: shift.id,
      professionalId: stand.id,
      from: '2026-11-24T18:00',
      to: '2026-11-24T22:00',
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Le remplacement doit tenir dans la garde');
    expect(res.text).toContain('value="2026-11-24T18:00"');
    expect(await t.db.db.select().from(overrides)).toHaveLength(0);
  });

  it('DELETE /api/overrides/:id cancels one; an unknown id is a 404', async () => {
    const created = await request(t.app).post('/api/overrides').set('Authorization', token).send({
      shiftId: shift.id,
      professionalId: stand.id,
      startsAt: '2026-11-24T20:00:00Z',
      endsAt: '2026-11-24T22:00:00Z',
    });
    expect(created.status).toBe(201);
    const del = (id: string) =>
      request(t.app).delete(`/api/overrides/${id}`).set('Authorization', token);
    expect((await del(created.body.id)).status).toBe(204);
    expect(await t.db.db.select().from(overrides)).toHaveLength(0);
    expect((await del(created.body.id)).status).toBe(404);
  });
});

describe("everybody's leave", () => {
  it('an end before the start is refused in French, nothing written', async () => {
    const res = await web.post('/rota/leave', {
      territory: territory.id,
      professionalId: holder.id,
      from: '2026-12-10',
      to: '2026-12-08',
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain('La fin doit suivre le début');
    expect(await t.db.db.select().from(unavailabilities)).toHaveLength(0);
  });

  it('a missing date is refused in French', async () => {
    const res = await web.post('/rota/leave', {
      territory: territory.id,
      professionalId: holder.id,
      from: '',
      to: '2026-12-08',
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Du : date attendue');
    expect(await t.db.db.select().from(unavailabilities)).toHaveLength(0);
  });
});

describe('ponts', () => {
  const refuse = (day: string) =>
    request(t.app)
      .put(`/api/territories/${territory.id}/ponts/${day}/refusal`)
      .set('Authorization', token);
  const calendar = async () =>
    (
      await request(t.app)
        .get(`/api/territories/${territory.id}/calendar?year=2026`)
        .set('Authorization', token)
    ).body.ponts as { date: string; status: string }[];

  it('refusing a day that is not a proposed pont is a 400 in French, nothing written', async () => {
    const res = await refuse('2026-06-10');
    expect(res.status).toBe(400);
    expect(res.body.message).toContain("n'est pas un pont proposé");
    expect(await t.db.db.select().from(pontRefusals)).toHaveLength(0);
    expect((await refuse('2026-02-30')).status).toBe(400);
  });

  it('a refused pont shows as refused; confirming it afterwards wins', async () => {
    expect((await refuse('2026-05-15')).status).toBe(200);
    expect(await calendar()).toContainEqual(
      expect.objectContaining({ date: '2026-05-15', status: 'refused' }),
    );
    const confirm = await request(t.app)
      .put(`/api/territories/${territory.id}/calendar/2026-05-15`)
      .set('Authorization', token)
      .send({ kind: 'pont' });
    expect(confirm.status).toBe(200);
    expect(await calendar()).toContainEqual(
      expect.objectContaining({ date: '2026-05-15', status: 'confirmed' }),
    );
    expect(await t.db.db.select().from(pontRefusals)).toHaveLength(0);
  });

  it('an unknown decision on the page is a 400', async () => {
    const res = await web.post('/rota/ponts', {
      territory: territory.id,
      day: '2026-05-15',
      decision: 'peut-être',
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain('décision inconnue');
  });
});
