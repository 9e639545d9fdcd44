import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { callEvents, callRecords } from '../../db/schema/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { webLogin } from '../support/web-session.js';
import { ficheOf, ficheWorld, type FicheWorld } from './fiche-world.js';

/**
 * Who reads and writes a fiche, by the API and the page alike; the 24 h lock and its addenda;
 * "Mes appels"; the manager's list of unfinished fiches (issue 17).
 */
const ended = new Date('2026-11-24T21:40:00Z');
const hours = (n: number) => new Date(ended.getTime() + n * 3600_000);
let t: TestApp;
let w: FicheWorld;
const complete = {
  reasonCode: 'autre',
  reasonText: 'question sur un vaccin',
  decision: 'medical_advice',
  prescription: false,
  decidedAt: '2026-11-24T21:39:00Z',
};

beforeAll(async () => {
  t = await createTestApp({ now: ended });
  w = await ficheWorld(t.db.db);
});
afterAll(() => t.close());
beforeEach(() => t.setNow(ended));

const api = (who: keyof FicheWorld['users']) => ({
  get: (url: string) =>
    request(t.app).get(url).set('Authorization', `Bearer ${w.users[who].token}`),
  put: (url: string, body: object) =>
    request(t.app).put(url).set('Authorization', `Bearer ${w.users[who].token}`).send(body),
  post: (url: string, body: object) =>
    request(t.app).post(url).set('Authorization', `Bearer ${w.users[who].token}`).send(body),
});

describe('who reads and writes a fiche', () => {
  it('the régulateur writes; the territory’s manager reads; a colleague and another territory may not', async () => {
    const call = await w.regulatedCall(ended);
    const url = `/api/fiches/${call.ficheId}`;
    expect((await api('colleague').get(url)).status).toBe(403);
    expect((await api('managerB').get(url)).status).toBe(403);
    expect((await api('manager').put(url, complete)).status).toBe(403);
    expect((await api('colleague').put(url, complete)).status).toBe(403);
    const saved = await api('regulator').put(url, complete);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ decision: 'medical_advice', prescription: false });
    const read = await api('manager').get(url);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      reasonText: 'question sur un vaccin',
      regulator: { name: 'Dr Régulatrice Fiche' },
      locked: false,
    });

    const page = `/calls/${call.callId}/fiche`;
    const colleague = await webLogin(
      t.app,
      w.users.colleague.user.email,
      w.users.colleague.password,
    );
    expect((await colleague.agent.get(page)).status).toBe(403);
    const manager = await webLogin(t.app, w.users.manager.user.email, w.users.manager.password);
    const seen = await manager.agent.get(page);
    expect(seen.status).toBe(200);
    expect(seen.text).toContain('data-testid="fiche-read"');
    expect(seen.text).not.toContain('data-testid="fiche-form"');
    expect(seen.text).not.toContain(w.users.regulator.user.email);
    expect((await manager.post(page, { reasonCode: 'fievre' })).status).toBe(403);
    const anonymous = await request(t.app).get(page);
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toMatch(/^\/login\?next=/);
  });

  it('refuses bad input with the fields named, never a 500', async () => {
    const call = await w.regulatedCall(ended);
    const url = `/api/fiches/${call.ficheId}`;
    const bad = await api('regulator').put(url, { ...complete, decision: 'saignée', extra: 1 });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.fields)).toEqual(expect.arrayContaining(['decision']));
    const future = await api('regulator').put(url, { ...complete, decidedAt: hours(1) });
    expect(future.status).toBe(400);
    expect(future.body.fields).toHaveProperty('decidedAt');
    const early = await api('regulator').put(url, { ...complete, decidedAt: hours(-1) });
    expect(early.status).toBe(400);
    expect((await api('regulator').get('/api/fiches/pas-un-id')).status).toBe(400);
  });
});

describe('24 hours after the call', () => {
  it('the fiche changes only by addendum, shown under it, its fields untouched', async () => {
    const call = await w.regulatedCall(ended);
    const url = `/api/fiches/${call.ficheId}`;
    expect((await api('regulator').put(url, complete)).status).toBe(200);
    const tooSoon = await api('regulator').post(`${url}/addenda`, { text: 'trop tôt' });
    expect(tooSoon.status).toBe(409);

    t.setNow(hours(24));
    const edit = await api('regulator').put(url, { ...complete, decision: 'home_visit' });
    expect(edit.status).toBe(409);
    expect(edit.body.message).toMatch(/addendum/);
    const added = await api('regulator').post(`${url}/addenda`, {
      text: 'Rappel du patient à 8 h : va mieux.',
    });
    expect(added.status).toBe(201);
    expect((await api('manager').post(`${url}/addenda`, { text: 'coordination' })).status).toBe(
      403,
    );

    const doctor = await webLogin(t.app, w.users.regulator.user.email, w.users.regulator.password);
    const page = `/calls/${call.callId}/fiche`;
    const form = await doctor.agent.get(page);
    expect(form.text).toContain('data-testid="addendum-form"');
    expect(form.text).not.toContain('data-testid="fiche-form"');
    const refused = await doctor.post(page, { reasonCode: 'fievre', decision: 'home_visit' });
    expect(refused.status).toBe(409);
    const posted = await doctor.post(`${page}/addenda`, { text: 'Ordonnance faxée le matin.' });
    expect(posted.status).toBe(303);
    const shown = await doctor.agent.get(page);
    expect(shown.text).toContain('Rappel du patient à 8 h : va mieux.');
    expect(shown.text).toContain('Ordonnance faxée le matin.');

    const read = await api('manager').get(url);
    expect(read.body.locked).toBe(true);
    expect(read.body.decision).toBe('medical_advice');
    expect(read.body.addenda.map((a: { author: string }) => a.author)).toEqual([
      'Dr Régulatrice Fiche',
      'Dr Régulatrice Fiche',
    ]);
    expect((await ficheOf(t.db.db, call.ficheId)).updatedAt).toEqual(ended);
  });
});

describe('a call still going on', () => {
  it('its régulateur opens the page to hand the patient to the 15; nobody else does', async () => {
    const callSid = 'CAficheliveliveliveliveliveliveli01';
    const [call] = await t.db.db
      .insert(callRecords)
      .values({
        callSid,
        territoryId: w.territory.id,
        fromNumber: '+33639987188',
        toNumber: w.territory.number,
        startedAt: hours(-0.1),
      })
      .returning();
    await t.db.db.insert(callEvents).values([
      {
        callSid,
        at: hours(-0.09),
        kind: 'ring',
        professionalId: w.regulator.id,
        detail: { attempt: 0 },
      },
      { callSid, at: hours(-0.08), kind: 'accepted', detail: { attempt: 0 } },
    ]);
    const page = `/calls/${call!.id}/fiche`;
    const doctor = await webLogin(t.app, w.users.regulator.user.email, w.users.regulator.password);
    const live = await doctor.agent.get(page);
    expect(live.status).toBe(200);
    expect(live.text).toContain(`href="/calls/${call!.id}/crra"`);
    expect(live.text).toContain('appel en cours');
    expect((await doctor.agent.get('/my-calls')).text).toContain(page);
    const colleague = await webLogin(
      t.app,
      w.users.colleague.user.email,
      w.users.colleague.password,
    );
    expect((await colleague.agent.get(page)).status).toBe(403);
  });
});

describe('Mes appels and the manager’s dashboard', () => {
  it('lists the régulateur’s calls, unfinished marked; the manager sees the fiches unfinished after 2 h', async () => {
    const done = await w.regulatedCall(hours(-3));
    const open = await w.regulatedCall(hours(-2.5));
    const recent = await w.regulatedCall(hours(-1));
    expect((await api('regulator').put(`/api/fiches/${done.ficheId}`, complete)).status).toBe(200);

    const doctor = await webLogin(t.app, w.users.regulator.user.email, w.users.regulator.password);
    const mine = await doctor.agent.get('/my-calls');
    expect(mine.status).toBe(200);
    const rows = mine.text.split('<tr').filter((r) => r.includes('/fiche"'));
    const rowOf = (id: string) => rows.find((r) => r.includes(id))!;
    expect(rowOf(open.callId)).toContain('à compléter');
    expect(rowOf(done.callId)).toContain('complétée');
    expect(rows.indexOf(rowOf(recent.callId))).toBeLessThan(rows.indexOf(rowOf(open.callId)));
    const colleague = await webLogin(
      t.app,
      w.users.colleague.user.email,
      w.users.colleague.password,
    );
    expect((await colleague.agent.get('/my-calls')).text).not.toContain(open.callId);
    const manager = await webLogin(t.app, w.users.manager.user.email, w.users.manager.password);
    expect((await manager.agent.get('/my-calls')).status).toBe(403);

    const home = await manager.agent.get('/');
    const list = home.text.slice(home.text.indexOf('data-testid="unfinished-fiches"'));
    expect(list).toContain(`/calls/${open.callId}/fiche`);
    expect(list).not.toContain(`/calls/${recent.callId}/fiche`);
    expect(list).not.toContain(`/calls/${done.callId}/fiche`);
    expect(list).toContain('Dr Régulatrice Fiche');
    expect(list).toContain('fiche non remplie');
    expect(home.text).not.toContain('question sur un vaccin');
  });
});
