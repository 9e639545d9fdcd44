import { and, eq } from 'drizzle-orm';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, returnHomeItems, smsMessages } from '../../db/schema/index.js';
import { processJob } from '../../server/workers.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { aManager, aProfessional, aService, aTerritory, aUser } from '../support/factories.js';
import { aDirectoryEntry, aMovement, aStay } from '../support/hospital.js';
import { startMssanteMailbox } from '../support/mssante-mailbox.js';
import { webLogin } from '../support/web-session.js';

// Issue 19, part 3: the return-home checklist, assigned (and the assignee told with the same
// privacy rules), ticked, late items in red on the coordination's page; part 4: who reads a stay.
const now = new Date('2026-11-24T10:00:00Z');
let t: TestApp;
let mailbox: Awaited<ReturnType<typeof startMssanteMailbox>>;

beforeAll(async () => {
  mailbox = await startMssanteMailbox();
  t = await createTestApp({ now, env: mailbox.env });
});
afterAll(async () => {
  await t?.close();
  await mailbox?.close();
});

/** A territory with a GP, a nurse (both with a login), a manager, and a stay noticed (A01). */
async function aWorld() {
  const db = t.db.db;
  const territory = await aTerritory(db);
  const service = await aService(db, territory);
  const person = async () => {
    const pro = await aProfessional(db, service);
    const login = await aUser(db, 'professional', { territories: [territory], professional: pro });
    return { pro, login };
  };
  const gp = await person();
  const gpEntry = await aDirectoryEntry(db, territory, {
    professionalId: gp.pro.id,
    mobile: gp.pro.mobile,
  });
  const nurse = await person();
  const nurseEntry = await aDirectoryEntry(db, territory, {
    professionalId: nurse.pro.id,
    mobile: nurse.pro.mobile,
    professionCode: '60',
    lastName: 'Infirmière',
  });
  const other = await person();
  await aDirectoryEntry(db, territory, { professionalId: other.pro.id });
  const manager = await aManager(db, territory);
  const stay = await aStay(db, territory, gpEntry);
  const a01 = await aMovement(db, stay, 'A01');
  await processJob(t.deps, {
    name: 'hospital-stay-notice',
    data: { stayId: stay.id, movementId: a01.id },
  });
  const items = await db.select().from(returnHomeItems).where(eq(returnHomeItems.stayId, stay.id));
  const nursing = items.find((i) => i.kind === 'home_nursing')!;
  return { territory, gp, gpEntry, nurse, nurseEntry, other, manager, stay, nursing };
}

const api = (token: string) => ({
  get: (path: string) => request(t.app).get(path).set('Authorization', `Bearer ${token}`),
  post: (path: string, body: object) =>
    request(t.app).post(path).set('Authorization', `Bearer ${token}`).send(body),
});

describe('the return-home checklist', () => {
  it('is assigned (the assignee told, no health word), read by the assignee at the minimum, and ticked', async () => {
    const w = await aWorld();
    const assign = await api(w.manager.token).post(`/api/hospital/items/${w.nursing.id}/assign`, {
      assignee: w.nurseEntry.id,
    });
    expect(assign.status).toBe(200);

    const [sms] = await t.db.db
      .select()
      .from(smsMessages)
      .where(eq(smsMessages.toNumber, w.nurseEntry.mobile!));
    expect(sms!.kind).toBe('hospital_task');
    expect(sms!.body.replace(/https?:\/\/\S+/, '')).not.toMatch(
      /h[oô]pital|patient|soins|infirm|sortie|lef[eè]vre|cardio/i,
    );
    const mail = mailbox.mails.find((m) => m.to.includes(w.nurseEntry.mssante!));
    expect(mail!.raw).toContain('Soins infirmiers à domicile');
    expect(mail!.raw).toContain('Héloïse Lefèvre');

    // The nurse reads the stay: the patient and the dates, their item only; no unit, no movements.
    const read = await api(w.nurse.login.token).get(`/api/hospital/stays/${w.stay.id}`);
    expect(read.status).toBe(200);
    expect(read.body.access).toBe('assignee');
    expect(read.body.stay.unit).toBeUndefined();
    expect(read.body.movements).toBeUndefined();
    expect(read.body.items.map((i: { id: string }) => i.id)).toEqual([w.nursing.id]);

    // The nurse ticks their item through the page; the GP sees the progress.
    const session = await webLogin(t.app, w.nurse.login.user.email, w.nurse.login.password);
    const tick = await session.post(`/hospital/items/${w.nursing.id}/done`, { done: 'true' });
    expect(tick.status).toBe(303);
    const mine = await api(w.gp.login.token).get('/api/my-patients');
    const row = mine.body.stays.find((s: { stay: { id: string } }) => s.stay.id === w.stay.id);
    expect(row.progress).toMatchObject({ done: 1, total: 5 });

    // Every write and read is in the audit log.
    const actions = await t.db.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.territoryId, w.territory.id));
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(['hospital.notice', 'hospital.item.assign', 'hospital.item.done']),
    );
    const nurseReads = await t.db.db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.actorUserId, w.nurse.login.user.id), eq(auditLog.action, 'hospital.read')),
      );
    expect(nurseReads.length).toBeGreaterThan(0);
  });

  it('lets the GP add an item from the page; a refused one shows the form again', async () => {
    const w = await aWorld();
    const session = await webLogin(t.app, w.gp.login.user.email, w.gp.login.password);
    const added = await session.post(`/hospital/stays/${w.stay.id}/items`, {
      kind: 'other',
      label: 'Lit médicalisé',
      due: '2026-11-26',
      assignee: w.nurseEntry.id,
    });
    expect(added.status).toBe(303);
    const refused = await session.post(`/hospital/stays/${w.stay.id}/items`, { kind: 'other' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('décrivez la tâche');
    const page = await session.agent.get(`/hospital/stays/${w.stay.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Lit médicalisé');
  });

  it('shows a late item in red on the coordination’s page and the GP’s', async () => {
    const w = await aWorld();
    t.setNow(new Date('2026-11-28T09:00:00Z'));
    try {
      const session = await webLogin(t.app, w.manager.user.email, w.manager.password);
      const page = await session.agent.get('/hospital');
      expect(page.status).toBe(200);
      expect(page.text).toMatch(/<tr class="late"><td>Portage de repas<\/td><td>LEFÈVRE Héloïse/);
      const gp = await webLogin(t.app, w.gp.login.user.email, w.gp.login.password);
      expect((await gp.agent.get('/my-patients')).text).toContain('5 en retard');
    } finally {
      t.setNow(now);
    }
  });
});

describe('who reads a stay', () => {
  it('refuses a professional who is neither the GP nor assigned, and another territory’s manager', async () => {
    const w = await aWorld();
    expect((await api(w.other.login.token).get(`/api/hospital/stays/${w.stay.id}`)).status).toBe(
      404,
    );
    const session = await webLogin(t.app, w.other.login.user.email, w.other.login.password);
    expect((await session.agent.get(`/hospital/stays/${w.stay.id}`)).status).toBe(404);
    expect((await session.agent.get('/hospital')).status).toBe(403);
    // Not assigned, so not allowed to tick or assign either.
    const tick = await api(w.other.login.token).post(`/api/hospital/items/${w.nursing.id}/done`, {
      done: true,
    });
    expect(tick.status).toBe(404);
    const elsewhere = await aManager(t.db.db, await aTerritory(t.db.db));
    expect((await api(elsewhere.token).get(`/api/hospital/stays/${w.stay.id}`)).status).toBe(404);
    // The nurse, once assigned, may tick only their own item.
    await api(w.manager.token).post(`/api/hospital/items/${w.nursing.id}/assign`, {
      assignee: w.nurseEntry.id,
    });
    const items = await t.db.db
      .select()
      .from(returnHomeItems)
      .where(eq(returnHomeItems.stayId, w.stay.id));
    const meals = items.find((i) => i.kind === 'meal_delivery')!;
    const notTheirs = await api(w.nurse.login.token).post(`/api/hospital/items/${meals.id}/done`, {
      done: true,
    });
    expect(notTheirs.status).toBe(403);
  });
});
