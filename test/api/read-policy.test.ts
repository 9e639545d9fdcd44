import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callbackRequests, callRecords, professionals } from '../../db/schema/index.js';
import { eq } from 'drizzle-orm';
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
} from '../support/factories.js';
import { webLogin, type WebSession } from '../support/web-session.js';

/**
 * A professional reads through the API exactly what the pages show them (issue 14): no call
 * log, call path or callbacks; colleagues' mobiles masked and e-mails withheld, in the
 * directory, the CSV export and the on-duty contacts. Their own contacts stay theirs to read.
 */
const now = new Date('2026-11-24T21:00:00Z');
const caller = '+33612345678';
let t: TestApp;
let manager: AUser;
let pro: AUser;
let me: Professional;
let colleague: Professional;
let serviceId: string;
let proPages: WebSession;
const bearer = (u: AUser) => ({ Authorization: `Bearer ${u.token}` });

beforeAll(async () => {
  t = await createTestApp({ now });
  const db = t.db.db;
  const territory = await aTerritory(db);
  const service = await aService(db, territory);
  serviceId = service.id;
  me = await aProfessional(db, service, { email: 'moi@test.local' });
  colleague = await aProfessional(db, service, { email: 'collegue@test.local' });
  await aShift(db, service, colleague, { level: 1 });
  await aShift(db, service, me, { level: 2 });
  manager = await aManager(db, territory);
  pro = await aUser(db, 'professional', { territories: [territory], professional: me });
  await db.insert(callRecords).values({
    callSid: 'CApolicy01',
    territoryId: territory.id,
    fromNumber: caller,
    toNumber: territory.number,
    startedAt: new Date('2026-11-24T20:00:00Z'),
    outcome: 'callback',
  });
  await db.insert(callbackRequests).values({
    territoryId: territory.id,
    patientNumber: caller,
    reason: 'no_answer',
    dueBy: new Date('2026-11-24T20:30:00Z'),
  });
  proPages = await webLogin(t.app, pro.user.email, pro.password);
});
afterAll(() => t.close());

describe('the call log and callbacks', () => {
  it.each(['/calls', '/calls/CApolicy01', '/callbacks'])(
    '%s: refused to a professional by the API as by the page; read by the manager',
    async (path) => {
      expect((await proPages.agent.get(path)).status).toBe(403);
      const api = await request(t.app).get(`/api${path}`).set(bearer(pro));
      expect(api.status).toBe(403);
      expect(api.text).not.toContain(caller);
      const managed = await request(t.app).get(`/api${path}`).set(bearer(manager));
      expect(managed.status).toBe(200);
      expect(managed.text).toContain(caller);
    },
  );
});

describe("colleagues' contacts", () => {
  it('the directory API masks a colleague for a professional, as the page does; not oneself', async () => {
    const res = await request(t.app).get('/api/professionals').set(bearer(pro));
    expect(res.status).toBe(200);
    const entry = (id: string) =>
      (res.body.professionals as { id: string; mobile: string; email: string | null }[]).find(
        (p) => p.id === id,
      )!;
    expect(entry(colleague.id).mobile).not.toBe(colleague.mobile);
    expect(entry(colleague.id).mobile).toMatch(/\*\*/);
    expect(entry(colleague.id).email).toBeNull();
    expect(res.text).not.toContain('collegue@test.local');
    expect(res.text).not.toContain('icalToken');
    expect(entry(me.id)).toMatchObject({ mobile: me.mobile, email: 'moi@test.local' });
    const page = await proPages.agent.get('/professionals');
    expect(page.text).not.toContain(colleague.mobile);
    const managed = await request(t.app).get('/api/professionals').set(bearer(manager));
    expect(managed.text).toContain(colleague.mobile);
    expect(managed.text).toContain('collegue@test.local');
  });

  it("the CSV export and the on-duty contacts mask a colleague's mobile for a professional", async () => {
    const range = 'from=2026-11-24T00:00:00Z&to=2026-11-26T00:00:00Z';
    const csv = await request(t.app)
      .get(`/api/services/${serviceId}/shifts.csv?${range}`)
      .set(bearer(pro));
    expect(csv.status).toBe(200);
    expect(csv.text).not.toContain(colleague.mobile);
    expect(csv.text).toContain(me.mobile);
    const managerCsv = await request(t.app)
      .get(`/api/services/${serviceId}/shifts.csv?${range}`)
      .set(bearer(manager));
    expect(managerCsv.text).toContain(colleague.mobile);
    const onDuty = await request(t.app).get(`/api/services/${serviceId}/on-duty`).set(bearer(pro));
    expect(onDuty.status).toBe(200);
    const phones = (onDuty.body.contacts as { professionalId: string; phone: string }[]).map(
      (c) => [c.professionalId, c.phone],
    );
    expect(phones).toContainEqual([me.id, me.mobile]);
    expect(onDuty.text).not.toContain(colleague.mobile);
  });

  it('the stored row is untouched: masking is a projection, not a write', async () => {
    const [row] = await t.db.db
      .select()
      .from(professionals)
      .where(eq(professionals.id, colleague.id));
    expect(row!.mobile).toBe(colleague.mobile);
  });
});
