import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../db/seed/seed-demo.js';
import { callbackRequests, callRecords } from '../../db/schema/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { webLogin, type WebSession } from '../support/web-session.js';

const now = new Date('2026-11-24T21:00:00Z');
let t: TestApp;
let manager: WebSession;
let pro: WebSession;

const call = (
  sid: string,
  startedAt: string,
  outcome: 'connected' | 'callback' | 'abandoned',
  waitS: number | null,
  territoryId: string,
) => ({
  callSid: sid,
  territoryId,
  fromNumber: '+33612345678',
  toNumber: '+33261910015',
  startedAt: new Date(startedAt),
  connectedAt: waitS === null ? null : new Date(Date.parse(startedAt) + waitS * 1000),
  outcome,
});

beforeAll(async () => {
  t = await createTestApp({ now });
  const { territoryId } = await seedDemo(t.db.db, now);
  await t.db.db.insert(callRecords).values([
    call('CAdash01', '2026-11-22T20:00:00Z', 'connected', 12, territoryId),
    call('CAdash02', '2026-11-23T02:00:00Z', 'connected', 30, territoryId), // 03:00 in Paris: the night of the 22nd
    call('CAdash03', '2026-11-23T03:00:00Z', 'callback', null, territoryId),
    call('CAdash04', '2026-11-23T23:30:00Z', 'abandoned', null, territoryId), // 00:30 on the 24th in Paris
  ]);
  await t.db.db.insert(callbackRequests).values([
    {
      territoryId,
      patientNumber: '+33612345601',
      reason: 'test',
      status: 'done',
      createdAt: new Date('2026-11-23T03:00:00Z'),
      dueBy: new Date('2026-11-23T03:30:00Z'),
      completedAt: new Date('2026-11-23T03:10:00Z'),
    },
    {
      territoryId,
      patientNumber: '+33612345602',
      reason: 'test',
      status: 'done',
      createdAt: new Date('2026-11-23T04:00:00Z'),
      dueBy: new Date('2026-11-23T04:30:00Z'),
      completedAt: new Date('2026-11-23T05:00:00Z'),
    },
    {
      territoryId,
      patientNumber: '+33612345603',
      reason: 'test',
      status: 'failed',
      createdAt: new Date('2026-11-23T05:00:00Z'),
      dueBy: new Date('2026-11-23T05:30:00Z'),
    },
  ]);
  manager = await webLogin(t.app, 'coordination@cpts-auray.local');
  pro = await webLogin(t.app, 'dr.le-goff@cpts-auray.local');
});
afterAll(() => t.close());

describe('dashboard', () => {
  it('shows managers the five measures as SVG charts with their data tables', async () => {
    const res = await manager.agent.get('/');
    expect(res.status).toBe(200);
    for (const title of [
      'Appels par nuit',
      'Taux de mise en relation par nuit (%)',
      'Délai avant réponse',
      'Rappels et leur échéance (3)',
      '4 dernières semaines',
      '4 prochaines semaines',
    ]) {
      expect(res.text, title).toContain(title);
    }
    expect(res.text.match(/<svg role="img"/g)!.length).toBeGreaterThanOrEqual(5);
    // Night of the 22nd (08:00 → 08:00 local): three calls, two put through, waits 12 and 30 s.
    expect(res.text).toMatch(/<th scope="row">2026-11-22<\/th><td>3<\/td>/);
    expect(res.text).toMatch(/<th scope="row">2026-11-23<\/th><td>1<\/td>/);
    expect(res.text).toMatch(/<th scope="row">2026-11-22<\/th><td>67 %<\/td>/);
    expect(res.text).toContain('data-testid="median-wait">12 s');
    expect(res.text).toContain('data-testid="p90-wait">30 s');
    expect(res.text).toMatch(/<th scope="row">faits dans le délai<\/th><td>1<\/td>/);
    expect(res.text).toMatch(/<th scope="row">faits en retard<\/th><td>1<\/td>/);
    expect(res.text).toMatch(/<th scope="row">non faits<\/th><td>1<\/td>/);
    // The seeded rota is auto-filled: someone carries a weighted load in the coming weeks.
    expect(res.text).toMatch(/<th scope="row">Dr [^<]+<\/th><td>\d+(\.\d)? \(\d+ gardes?\)<\/td>/);
  });

  it('is not shown to professionals, who get a link to their own page', async () => {
    const res = await pro.agent.get('/');
    expect(res.status).toBe(200);
    expect(res.text).not.toContain('Appels par nuit');
    expect(res.text).toContain('href="/me"');
  });
});

describe('call log filters', () => {
  const sids = (text: string) =>
    [...text.matchAll(/href="\/calls\/(CAdash\d+)"/g)].map((m) => m[1]).sort();
  it('filters by local Paris days, both ends included, and by outcome', async () => {
    expect(sids((await manager.agent.get('/calls')).text)).toEqual([
      'CAdash01',
      'CAdash02',
      'CAdash03',
      'CAdash04',
    ]);
    // 23:30Z on the 23rd is 00:30 on the 24th in Paris: not "jusqu'au 23", but "depuis le 24".
    expect(sids((await manager.agent.get('/calls?to=2026-11-23')).text)).toEqual([
      'CAdash01',
      'CAdash02',
      'CAdash03',
    ]);
    expect(sids((await manager.agent.get('/calls?from=2026-11-24')).text)).toEqual(['CAdash04']);
    expect(sids((await manager.agent.get('/calls?from=2026-11-23&to=2026-11-23')).text)).toEqual([
      'CAdash02',
      'CAdash03',
    ]);
    expect(sids((await manager.agent.get('/calls?outcome=connected&to=2026-11-22')).text)).toEqual([
      'CAdash01',
    ]);
    const page = await manager.agent.get('/calls?from=2026-11-23&to=2026-11-23');
    expect(page.text).toContain('id="to" type="date" name="to" value="2026-11-23"');
    expect(page.text).toContain('+33612345678');
  });

  it('ignores malformed filters instead of failing', async () => {
    const res = await manager.agent.get('/calls?from=2026-02-31&to=nope&outcome=whatever');
    expect(res.status).toBe(200);
    expect(sids(res.text)).toHaveLength(4);
  });

  it('stays closed to professionals', async () => {
    expect((await pro.agent.get('/calls')).status).toBe(403);
  });
});
