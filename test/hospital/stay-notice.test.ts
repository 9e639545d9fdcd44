import { and, eq } from 'drizzle-orm';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditLog,
  directoryEntries,
  hospitalStays,
  noticedMovements,
  returnHomeItems,
  smsMessages,
  stayMovements,
  stayNotices,
} from '../../db/schema/index.js';
import { sweepHospitalNotices } from '../../server/hospital/notices/sweep.js';
import { processJob } from '../../server/workers.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { aManager, aProfessional, aService, aTerritory, aUser } from '../support/factories.js';
import { aDirectoryEntry, aMovement, aStay, type Stay } from '../support/hospital.js';
import { startMssanteMailbox } from '../support/mssante-mailbox.js';

// Issue 19, part 2: the GP is told by MSSanté (STARTTLS, client certificate, X-MSS headers) and by
// an SMS that says only that there is news; a cancellation withdraws; no GP: the worklist.
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

const notice = (stay: Stay, movementId: string) =>
  processJob(t.deps, { name: 'hospital-stay-notice', data: { stayId: stay.id, movementId } });
const mailsTo = (address: string) => mailbox.mails.filter((m) => m.to.includes(address));
const smsTo = (number: string) =>
  t.db.db.select().from(smsMessages).where(eq(smsMessages.toNumber, number));

/** Words that would tell a reader of the phone something about someone's health or stay. */
const healthWords =
  /h[oô]pital|hospital|clinique|patient|sant[ée]|admis|admission|sortie|sorti|soins?|cardio|service|urgence|m[ée]dical|maladie|chu|lef[eè]vre|h[ée]lo[iï]se|1941/i;

async function aGp() {
  const db = t.db.db;
  const territory = await aTerritory(db);
  const service = await aService(db, territory);
  const pro = await aProfessional(db, service);
  const login = await aUser(db, 'professional', { territories: [territory], professional: pro });
  const entry = await aDirectoryEntry(db, territory, {
    professionalId: pro.id,
    mobile: pro.mobile,
  });
  return { territory, pro, login, entry };
}

describe('the GP told of an admission', () => {
  it('gets the details by MSSanté over STARTTLS with the client certificate, and a news-only SMS', async () => {
    const { territory, entry } = await aGp();
    const stay = await aStay(t.db.db, territory, entry);
    const a01 = await aMovement(t.db.db, stay, 'A01');
    expect(await notice(stay, a01.id)).toBe('notified');

    const [mail, ...more] = mailsTo(entry.mssante!);
    expect(more).toHaveLength(0);
    expect(mail!.secure).toBe(true);
    expect(mail!.clientCertificate).toBe('gardeline-test-structure');
    // Header names are case-insensitive (RFC 5322): nodemailer writes X-Mss-Nil.
    expect(mail!.raw).toMatch(/^X-MSS-NIL: GARDELINE-TEST-0001$/im);
    expect(mail!.raw).not.toMatch(/^X-MSS-(CODECDA|INS):/im);
    expect(mail!.raw).toMatch(/^From: gardeline <coordination@cpts-test\.mssante\.fr>$/m);
    for (const detail of ['Héloïse Lefèvre', '07/03/1941', 'Cardiologie B', 'Sortie prévue'])
      expect(mail!.raw).toContain(detail);
    // The subject names no one: it may show in a mailbox list.
    expect(/^Subject: (.*)$/m.exec(mail!.raw)?.[1]).not.toMatch(/Lef|H.lo/);

    const [sms, ...others] = await smsTo(entry.mobile!);
    expect(others).toHaveLength(0);
    expect(sms!.kind).toBe('hospital_news');
    expect(sms!.fromNumber).toBe(territory.number);
    expect(sms!.body).toContain('http://127.0.0.1:3000/my-patients');
    expect(sms!.body.replace(/https?:\/\/\S+/, '')).not.toMatch(healthWords);

    // The return-home checklist is made, due at the expected discharge.
    const items = await t.db.db
      .select()
      .from(returnHomeItems)
      .where(eq(returnHomeItems.stayId, stay.id));
    expect(items.map((i) => i.kind).sort()).toEqual(
      ['discharge_prescription', 'home_nursing', 'meal_delivery', 'pharmacy', 'prado'].sort(),
    );
    expect(items.every((i) => i.dueAt?.getTime() === stay.expectedDischargeAt!.getTime())).toBe(
      true,
    );
  });

  it('sends once when the job runs again (a retry, a sweep)', async () => {
    const { territory, entry } = await aGp();
    const stay = await aStay(t.db.db, territory, entry);
    const a01 = await aMovement(t.db.db, stay, 'A01');
    await notice(stay, a01.id);
    await notice(stay, a01.id);
    await Promise.all([notice(stay, a01.id), notice(stay, a01.id)]);
    expect(mailsTo(entry.mssante!)).toHaveLength(1);
    expect(await smsTo(entry.mobile!)).toHaveLength(1);
    const rows = await t.db.db.select().from(stayNotices).where(eq(stayNotices.stayId, stay.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ emailStatus: 'sent', smsStatus: 'sent' });
  });

  it('withdraws an admission the hospital cancelled (A11), once, and the page shows it', async () => {
    const { territory, entry, login } = await aGp();
    const db = t.db.db;
    const stay = await aStay(db, territory, entry);
    const a01 = await aMovement(db, stay, 'A01');
    await notice(stay, a01.id);
    // The listener's A11: the admission marked cancelled, the stay cancelled, a movement stored.
    await db.update(stayMovements).set({ cancelledAt: now }).where(eq(stayMovements.id, a01.id));
    await db
      .update(hospitalStays)
      .set({ status: 'cancelled' })
      .where(eq(hospitalStays.id, stay.id));
    const a11 = await aMovement(db, stay, 'A11', { detail: { cancels: a01.id } });
    await notice(stay, a11.id);
    await notice(stay, a01.id);

    const mails = mailsTo(entry.mssante!);
    expect(mails).toHaveLength(2);
    expect(mails[1]!.raw).toMatch(/Annulation/);
    expect(mails[1]!.raw).toContain('ne tenez pas compte');
    expect(await smsTo(entry.mobile!)).toHaveLength(2);
    const kinds = await db
      .select({ kind: stayNotices.kind })
      .from(stayNotices)
      .where(eq(stayNotices.stayId, stay.id));
    expect(kinds.map((k) => k.kind).sort()).toEqual(['admission', 'withdrawal']);

    const page = await request(t.app)
      .get(`/api/hospital/stays/${stay.id}`)
      .set('Authorization', `Bearer ${login.token}`);
    expect(page.status).toBe(200);
    expect(page.body.stay.status).toBe('cancelled');
    expect(page.body.movements.find((m: { id: string }) => m.id === a01.id).cancelledAt).not.toBe(
      null,
    );
  });

  it('withdraws a second cancelled admission of the same stay too (A01 A11 A01 A11)', async () => {
    const { territory, entry } = await aGp();
    const db = t.db.db;
    const stay = await aStay(db, territory, entry);
    for (let round = 0; round < 2; round += 1) {
      const a01 = await aMovement(db, stay, 'A01');
      await notice(stay, a01.id);
      await db.update(stayMovements).set({ cancelledAt: now }).where(eq(stayMovements.id, a01.id));
      const a11 = await aMovement(db, stay, 'A11', { detail: { cancels: a01.id } });
      await notice(stay, a11.id);
      await notice(stay, a01.id);
    }
    const kinds = await db
      .select({ kind: stayNotices.kind })
      .from(stayNotices)
      .where(eq(stayNotices.stayId, stay.id));
    expect(kinds.map((k) => k.kind).sort()).toEqual([
      'admission',
      'admission',
      'withdrawal',
      'withdrawal',
    ]);
  });

  it('sends nothing to a GP who opted out, and keeps the stay on their page', async () => {
    const { territory, entry } = await aGp();
    await t.db.db
      .update(directoryEntries)
      .set({ optIns: { hospitalNotices: false } })
      .where(eq(directoryEntries.id, entry.id));
    const stay = await aStay(t.db.db, territory, entry);
    const a01 = await aMovement(t.db.db, stay, 'A01');
    expect(await notice(stay, a01.id)).toBe('opted_out');
    expect(mailsTo(entry.mssante!)).toHaveLength(0);
    expect(await smsTo(entry.mobile!)).toHaveLength(0);
  });
});

describe('a stay whose GP is not in the directory', () => {
  it('goes to the coordination’s worklist, and no one is told', async () => {
    const db = t.db.db;
    const territory = await aTerritory(db);
    const manager = await aManager(db, territory);
    const stay = await aStay(db, territory, null, { patientFamilyName: 'Sansmédecin' });
    const a01 = await aMovement(db, stay, 'A01');
    expect(await notice(stay, a01.id)).toBe('worklist');
    expect(await db.select().from(stayNotices).where(eq(stayNotices.stayId, stay.id))).toEqual([]);
    const res = await request(t.app)
      .get('/api/hospital/coordination')
      .set('Authorization', `Bearer ${manager.token}`);
    expect(res.status).toBe(200);
    expect(res.body.worklist.map((w: { stay: { id: string } }) => w.stay.id)).toContain(stay.id);
    // The read is audited: who looked at the worklist.
    const reads = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorUserId, manager.user.id), eq(auditLog.action, 'hospital.read')));
    expect(reads).toHaveLength(1);
  });
});

describe('the sweep', () => {
  it('hands to the queue the movements the listener stored while the queue was down', async () => {
    const { territory, entry } = await aGp();
    const stay = await aStay(t.db.db, territory, entry);
    const old = await aMovement(t.db.db, stay, 'A01', {
      receivedAt: new Date(now.getTime() - 3600_000),
    });
    const fresh = await aMovement(t.db.db, stay, 'A03', { receivedAt: now });
    await sweepHospitalNotices(t.deps);
    const waiting = await t.deps.jobs.queues.reminders.getJobs(['waiting', 'delayed']);
    const handed = waiting.filter((j) => j.name === 'hospital-stay-notice').map((j) => j.data);
    expect(handed).toContainEqual({ stayId: stay.id, movementId: old.id });
    // Too young: its own job may still be on the way.
    expect(handed).not.toContainEqual({ stayId: stay.id, movementId: fresh.id });
    await notice(stay, old.id);
    const noticed = await t.db.db
      .select()
      .from(noticedMovements)
      .where(eq(noticedMovements.movementId, old.id));
    expect(noticed).toHaveLength(1);
  });
});

describe('an MSSanté operator out of reach', () => {
  it('fails the job (to be retried), keeps the e-mail pending, and the sweep sends it later, once', async () => {
    const { territory, entry } = await aGp();
    const stay = await aStay(t.db.db, territory, entry);
    const a01 = await aMovement(t.db.db, stay, 'A01');
    const reachable = t.deps.config.MSSANTE_SMTP_URL;
    t.deps.config.MSSANTE_SMTP_URL = 'smtp://127.0.0.1:9';
    try {
      await expect(notice(stay, a01.id)).rejects.toThrow(/not sent yet/);
    } finally {
      t.deps.config.MSSANTE_SMTP_URL = reachable;
    }
    const [row] = await t.db.db.select().from(stayNotices).where(eq(stayNotices.stayId, stay.id));
    expect(row).toMatchObject({ emailStatus: 'pending', smsStatus: 'sent' });
    expect(mailsTo(entry.mssante!)).toHaveLength(0);

    t.setNow(new Date(now.getTime() + 10 * 60_000));
    try {
      await sweepHospitalNotices(t.deps);
      await sweepHospitalNotices(t.deps);
    } finally {
      t.setNow(now);
    }
    expect(mailsTo(entry.mssante!)).toHaveLength(1);
    expect(await smsTo(entry.mobile!)).toHaveLength(1);
  });
});
