import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import {
  aManager,
  aProfessional,
  aService,
  aShift,
  aTerritory,
  aUser,
  type AUser,
  type Professional,
  type Shift,
} from '../support/factories.js';
import { webLogin, type WebSession } from '../support/web-session.js';

// The history pages: who changed what, before → after, when; filters and pages; managers only.
const now = new Date('2026-11-20T10:00:00Z');
let t: TestApp;
let manager: AUser;
let managerWeb: WebSession;
let otherManagerWeb: WebSession;
let proWeb: WebSession;
let first: Professional;
let second: Professional;
let shift: Shift;
let other: Shift;

const patch = (id: string, body: object) =>
  request(t.app)
    .patch(`/api/shifts/${id}`)
    .set('Authorization', `Bearer ${manager.token}`)
    .send(body);
/** The rows of the history table, as text. */
const rowsOf = (page: string) =>
  [...page.matchAll(/<tr><td>(.*?)<\/tr>/gs)].map((m) => m[1]!.replace(/<[^>]+>/g, ' '));

beforeAll(async () => {
  t = await createTestApp({ now });
  const db = t.db.db;
  const territory = await aTerritory(db);
  const doctors = await aService(db, territory);
  first = await aProfessional(db, doctors, { name: 'Dr Anne Premier' });
  second = await aProfessional(db, doctors, { name: 'Dr Bruno Second' });
  shift = await aShift(db, doctors, first);
  other = await aShift(db, doctors, first, {
    startsAt: new Date('2026-11-26T19:00:00Z'),
    endsAt: new Date('2026-11-27T07:00:00Z'),
  });
  manager = await aManager(db, territory);
  managerWeb = await webLogin(t.app, manager.user.email, manager.password);
  const elsewhere = await aManager(db, await aTerritory(db));
  otherManagerWeb = await webLogin(t.app, elsewhere.user.email, elsewhere.password);
  const pro = await aUser(db, 'professional', { territories: [territory], professional: first });
  proWeb = await webLogin(t.app, pro.user.email, pro.password);
  expect((await patch(shift.id, { professionalId: second.id })).status).toBe(200);
  expect((await patch(other.id, { level: 2 })).status).toBe(200);
});
afterAll(() => t.close());

describe('history', () => {
  it('shows a shift change before → after, with names, and links from the shift edit page', async () => {
    const edit = await managerWeb.agent.get(`/rota/shifts/${shift.id}/edit`);
    expect(edit.text).toContain(`href="/rota/shifts/${shift.id}/history"`);
    const page = await managerWeb.agent.get(`/rota/shifts/${shift.id}/history`);
    expect(page.status).toBe(200);
    const rows = rowsOf(page.text);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(/Garde modifiée/);
    expect(rows[0]).toMatch(/Professionnel\s*:\s*Dr Anne Premier\s*→\s*Dr Bruno Second/);
    expect(rows[0]).toContain(manager.user.email);
    // The other shift's change is not this shift's history.
    expect(page.text).not.toMatch(/Niveau/);
  });

  it('lists the territory’s changes and filters them by entity, person and dates', async () => {
    const all = await managerWeb.agent.get('/history');
    expect(all.status).toBe(200);
    expect(all.text).toContain('href="/history"');
    expect(rowsOf(all.text)).toHaveLength(2);
    expect(all.text).toMatch(/Niveau<\/span> : <del>1<\/del> → <ins>2<\/ins>/);

    const byPerson = await managerWeb.agent
      .get('/history')
      .query({ actor: manager.user.email, entity: 'shift' });
    expect(rowsOf(byPerson.text)).toHaveLength(2);
    const nobody = await managerWeb.agent.get('/history').query({ actor: 'system' });
    expect(rowsOf(nobody.text)).toHaveLength(0);
    expect(nobody.text).toContain('Aucune modification');
    const swaps = await managerWeb.agent.get('/history').query({ entity: 'swap_request' });
    expect(rowsOf(swaps.text)).toHaveLength(0);

    // The changes were written "today" as the database sees it: a range before today has none.
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });
    const inRange = await managerWeb.agent.get('/history').query({ from: today, to: today });
    expect(rowsOf(inRange.text)).toHaveLength(2);
    const before = await managerWeb.agent
      .get('/history')
      .query({ from: '2020-01-01', to: '2020-12-31' });
    expect(rowsOf(before.text)).toHaveLength(0);
  });

  it('refuses a date that does not exist with a 400 that says so, not a 500', async () => {
    for (const from of ['2026-02-30', '9999-12-31']) {
      const refused = await managerWeb.agent.get('/history').query({ from });
      expect(refused.status).toBe(400);
      expect(refused.text).toMatch(/date inexistante|hors limites/i);
    }
  });

  it('pages long histories', async () => {
    for (let level = 1; level <= 52; level++)
      expect((await patch(other.id, { level: (level % 2) + 1 })).status).toBe(200);
    const one = await managerWeb.agent.get('/history');
    expect(rowsOf(one.text)).toHaveLength(50);
    expect(one.text).toContain('rel="next"');
    const two = await managerWeb.agent.get('/history').query({ page: 2 });
    expect(rowsOf(two.text).length).toBeGreaterThan(0);
    expect(two.text).toContain('rel="prev"');
  });

  it('is for managers: a professional gets 403, another territory’s manager learns nothing', async () => {
    expect((await proWeb.agent.get('/history')).status).toBe(403);
    expect((await proWeb.agent.get(`/rota/shifts/${shift.id}/history`)).status).toBe(403);
    expect((await otherManagerWeb.agent.get(`/rota/shifts/${shift.id}/history`)).status).toBe(404);
    const theirs = await otherManagerWeb.agent.get('/history');
    expect(theirs.status).toBe(200);
    expect(rowsOf(theirs.text)).toHaveLength(0);
    expect(theirs.text).not.toContain('Dr Anne Premier');
  });
});
