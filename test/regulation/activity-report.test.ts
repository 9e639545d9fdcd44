import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../db/seed/seed-demo.js';
import {
  callbackRequests,
  callEvents,
  callRecords,
  consultationBookings,
  professionals,
  regulationFiches,
  services,
} from '../../db/schema/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { webLogin, type WebSession } from '../support/web-session.js';

/**
 * A month of seeded calls, fiches, consultations and callbacks in the demo territory (Paris time),
 * and the ARS report's figures computed by hand below, call by call.
 */
const now = new Date('2026-12-03T10:00:00Z');
let t: TestApp;
let manager: WebSession;
let pro: WebSession;
let territoryId: string;

const at = (iso: string, seconds = 0) => new Date(Date.parse(iso) + seconds * 1000);

beforeAll(async () => {
  t = await createTestApp({ now });
  ({ territoryId } = await seedDemo(t.db.db, now));
  const db = t.db.db;
  const [doctor] = await db.select().from(professionals).limit(1);
  const [service] = await db.select().from(services).limit(1);
  // Six calls. R = reached the régulateur (keypress), F = the permanence answered.
  //  c1 20:00 Paris 2 Nov   R  wait 40 s  fiche: consultation (completed)
  //  c2 00:30 Paris 1 Nov   R  wait 10 s  fiche: advice (completed)  (23:30Z on 31 Oct: November in Paris)
  //  c3 22:00 Paris 15 Nov  R  wait 90 s  fiche unfinished
  //  c4 21:00 Paris 20 Nov  F  wait 20 s  (not a regulation)
  //  c5 23:00 Paris 25 Nov  abandoned
  //  c6 00:30 Paris 1 Dec   R  (23:30Z on 30 Nov: December in Paris, not counted)
  const calls = [
    { sid: 'CArep1', start: '2026-11-02T19:00:00Z', wait: 40, source: 'rota' },
    { sid: 'CArep2', start: '2026-10-31T23:30:00Z', wait: 10, source: 'rota' },
    { sid: 'CArep3', start: '2026-11-15T21:00:00Z', wait: 90, source: 'rota' },
    { sid: 'CArep4', start: '2026-11-20T20:00:00Z', wait: 20, source: 'fallback' },
    { sid: 'CArep5', start: '2026-11-25T22:00:00Z', wait: null, source: null },
    { sid: 'CArep6', start: '2026-11-30T23:30:00Z', wait: 5, source: 'rota' },
  ] as const;
  const ids: Record<string, string> = {};
  for (const c of calls) {
    const [row] = await db
      .insert(callRecords)
      .values({
        callSid: c.sid,
        territoryId,
        fromNumber: '+33612345678',
        toNumber: '+33297000000',
        startedAt: at(c.start),
        connectedAt: c.wait === null ? null : at(c.start, 15 + c.wait),
        connectedProfessionalId: c.source === 'rota' ? doctor!.id : null,
        outcome: c.wait === null ? 'abandoned' : c.source === 'fallback' ? 'fallback' : 'connected',
      })
      .returning();
    ids[c.sid] = row!.id;
    // The caller chooses the doctor 15 s in; the accepting keypress comes `wait` seconds later.
    const path: (typeof callEvents.$inferInsert)[] = [
      { callSid: c.sid, at: at(c.start, 15), kind: 'visit', node: 'route' },
      {
        callSid: c.sid,
        at: at(c.start, 16),
        kind: 'ring',
        detail: { attempt: 1, source: c.source ?? 'rota' },
      },
    ];
    if (c.wait !== null)
      path.push({
        callSid: c.sid,
        at: at(c.start, 15 + c.wait),
        kind: 'accepted',
        detail: { attempt: 1 },
      });
    await db.insert(callEvents).values(path);
  }
  const fiche = (sid: string, decision: 'mmg_consultation' | 'medical_advice' | null) => ({
    callId: ids[sid]!,
    territoryId,
    regulatorId: doctor!.id,
    decision,
    completedAt: decision ? at('2026-11-28T10:00:00Z') : null,
  });
  await db
    .insert(regulationFiches)
    .values([
      fiche('CArep1', 'mmg_consultation'),
      fiche('CArep2', 'medical_advice'),
      fiche('CArep3', null),
      fiche('CArep6', 'medical_advice'),
    ]);
  const booking = (slot: string, status: 'booked' | 'cancelled' | 'honoured' | 'no_show') => ({
    territoryId,
    serviceId: service!.id,
    callId: ids.CArep1!,
    slotStartsAt: at(slot),
    patientNumber: '+33612345678',
    status,
    bookedBy: doctor!.id,
  });
  // Three November slots (one cancelled), one honoured, one no-show; one December slot.
  await db
    .insert(consultationBookings)
    .values([
      booking('2026-11-02T19:30:00Z', 'honoured'),
      booking('2026-11-15T21:30:00Z', 'no_show'),
      booking('2026-11-20T20:30:00Z', 'cancelled'),
      booking('2026-12-01T19:30:00Z', 'booked'),
    ]);
  const callback = (created: string, status: 'done' | 'failed', doneAfterMin: number | null) => ({
    territoryId,
    patientNumber: `+336123456${created.slice(8, 10)}`,
    reason: 'nobody_answered',
    status,
    createdAt: at(created),
    dueBy: at(created, 30 * 60),
    completedAt: doneAfterMin === null ? null : at(created, doneAfterMin * 60),
  });
  await db
    .insert(callbackRequests)
    .values([
      callback('2026-11-05T20:00:00Z', 'done', 10),
      callback('2026-11-06T20:00:00Z', 'done', 45),
      callback('2026-11-07T20:00:00Z', 'failed', null),
    ]);
  manager = await webLogin(t.app, 'coordination@cpts-auray.local');
  pro = await webLogin(t.app, 'dr.le-goff@cpts-auray.local');
});
afterAll(() => t.close());

describe('the ARS activity report', () => {
  it('matches the month counted by hand, in Paris months', async () => {
    const res = await manager.agent.get(
      `/api/territories/${territoryId}/activity-report?month=2026-11`,
    );
    expect(res.status).toBe(200);
    expect(res.body.activity).toEqual({
      month: '2026-11',
      callsReceived: 5, // c1–c5 (c2 is 1 November in Paris, c6 is 1 December)
      regulated: 3, // c1, c2, c3: the permanence (c4) and the abandoned call (c5) are not
      decisions: {
        medical_advice: 1, // c2 (c6 is December's)
        mmg_consultation: 1,
        home_visit: 0,
        pharmacy: 0,
        samu_transfer: 0,
        emergency_department: 0,
      },
      fichesCompleted: 2,
      fichesUnfinished: 1,
      consultations: { booked: 2, honoured: 1, noShow: 1, cancelled: 1 },
      medianWaitBeforeRegulator: 40, // waits 10, 40, 90
      callbacks: { requested: 3, inTime: 1, late: 1, notDone: 1, open: 0 },
    });
  });

  it('gives the same rows as CSV and PDF, and on the page', async () => {
    const q = `territory=${territoryId}&month=2026-11`;
    const csv = await manager.agent.get(`/reports/activity.csv?${q}`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-disposition']).toContain('activite-pdsa-pays-d-auray-2026-11.csv');
    expect(csv.text).toContain("Pays d'Auray;2026-11;Appels reçus;5");
    expect(csv.text).toContain('Appels régulés (pris par un médecin régulateur);3');
    expect(csv.text).toContain('Attente médiane avant un régulateur;0 min 40 s');
    const pdf = await manager.agent
      .get(`/reports/activity.pdf?${q}`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(pdf.status).toBe(200);
    const dir = mkdtempSync(join(tmpdir(), 'ars-report-'));
    writeFileSync(join(dir, 'r.pdf'), pdf.body as Buffer);
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'r.pdf'), '-'], {
      encoding: 'utf8',
    });
    expect(text).toContain('novembre 2026');
    expect(text).toMatch(/Consultations honorées\s+1/);
    expect(text).toMatch(/Rappels faits dans le délai\s+1/);
    const pageRes = await manager.agent.get(`/reports/activity?${q}`);
    expect(pageRes.text).toContain('<td>Patients non venus</td><td>1</td>');
  });

  it('is for the territory’s managers only', async () => {
    expect(
      (await pro.agent.get(`/api/territories/${territoryId}/activity-report?month=2026-11`)).status,
    ).toBe(403);
    expect((await pro.agent.get('/reports/activity')).status).toBe(403);
    const bad = await manager.agent.get(
      `/api/territories/${territoryId}/activity-report?month=2026-13`,
    );
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/AAAA-MM/);
  });
});
