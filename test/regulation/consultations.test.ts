import { and, eq } from 'drizzle-orm';
import request from 'supertest';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditLog, callRecords, consultationBookings, smsMessages } from '../../db/schema/index.js';
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
  type Service,
  type Territory,
} from '../support/factories.js';
import { signedPost } from '../support/twilio-post.js';
import { startTcpProxy } from '../support/tcp-proxy.js';
import { webLogin } from '../support/web-session.js';

// Tuesday 24 November 2026, 19:00 in Paris: the MMG opens at 20:00 (19:00Z) until midnight.
// http: the login form's cookie is Secure under https, and supertest speaks http.
const publicUrl = 'http://garde.test';
const evening = new Date('2026-11-24T18:00:00Z');
const place = 'Maison médicale de garde, 3 rue du Lait, Auray';
let t: TestApp;
let territory: Territory;
let mmg: Service;
let regulator: Professional;
let doctor: Professional;
let regulatorUser: AUser;
let doctorUser: AUser;
let colleagueUser: AUser;
let manager: AUser;
let managerB: AUser;
let sequence = 0;

const at = (hhmm: string) => new Date(`2026-11-24T${hhmm}:00Z`);
const bearer = (u: AUser) => ({ Authorization: `Bearer ${u.token}` });

/** A call the régulateur took, from `from` (a fiction mobile unless told). */
async function aCall(fields: Partial<typeof callRecords.$inferInsert> = {}): Promise<string> {
  sequence += 1;
  const [row] = await t.db.db
    .insert(callRecords)
    .values({
      callSid: `CAconsultation${String(sequence).padStart(20, '0')}`,
      territoryId: territory.id,
      fromNumber: `+33639981${String(sequence).padStart(3, '0')}`,
      toNumber: territory.number,
      startedAt: new Date(evening.getTime() - 600_000),
      connectedProfessionalId: regulator.id,
      outcome: 'connected',
      ...fields,
    })
    .returning();
  return row!.id;
}

const book = (callId: string, startsAt: Date, who: AUser = regulatorUser, serviceId = mmg.id) =>
  request(t.app)
    .post(`/api/calls/${callId}/consultations`)
    .set(bearer(who))
    .send({ serviceId, startsAt: startsAt.toISOString() });

const bookingsAt = (startsAt: Date) =>
  t.db.db
    .select()
    .from(consultationBookings)
    .where(
      and(
        eq(consultationBookings.serviceId, mmg.id),
        eq(consultationBookings.slotStartsAt, startsAt),
      ),
    );

let n = 0;
async function text(from: string, body: string, sid?: string): Promise<string> {
  n += 1;
  const res = await signedPost(t.app, publicUrl, t.deps.config.TWILIO_AUTH_TOKEN, '/twilio/sms', {
    MessageSid: sid ?? `SMconsult${String(n).padStart(25, '0')}`,
    From: from,
    To: territory.number,
    Body: body,
    NumMedia: '0',
  });
  expect(res.status).toBe(200);
  const parsed = new XMLParser().parse(res.text) as { Response: { Message?: string } | '' };
  return typeof parsed.Response === 'object' ? (parsed.Response.Message ?? '') : '';
}

beforeAll(async () => {
  t = await createTestApp({ publicUrl, now: evening });
  const db = t.db.db;
  territory = await aTerritory(db);
  mmg = await aService(db, territory, {
    name: 'MMG du pays d’Auray',
    modality: 'consultation',
    place,
    consultationCapacity: 2,
    requiredLevels: 1,
  });
  const regulation = await aService(db, territory, { modality: 'regulation' });
  regulator = await aProfessional(db, regulation);
  doctor = await aProfessional(db, mmg);
  const colleague = await aProfessional(db, mmg);
  await aShift(db, mmg, doctor, { startsAt: at('19:00'), endsAt: at('23:00') });
  // The régulateur's own shift: not a consultation service, so no slot comes from it.
  await aShift(db, regulation, regulator, { startsAt: at('19:00'), endsAt: at('23:00') });
  regulatorUser = await aUser(db, 'professional', {
    territories: [territory],
    professional: regulator,
  });
  doctorUser = await aUser(db, 'professional', { territories: [territory], professional: doctor });
  colleagueUser = await aUser(db, 'professional', {
    territories: [territory],
    professional: colleague,
  });
  manager = await aManager(db, territory);
  managerB = await aManager(db, await aTerritory(db));
});
afterAll(() => t.close());
beforeEach(() => t.setNow(evening));

describe('tonight’s slots for a call', () => {
  it('lists the MMG’s quarter-hours in local time, with its address, for the régulateur', async () => {
    const res = await request(t.app)
      .get(`/api/calls/${await aCall()}/consultation-slots`)
      .set(bearer(regulatorUser));
    expect(res.status).toBe(200);
    expect(res.body.sms).toBe('possible');
    expect(res.body.slots).toHaveLength(16);
    expect(res.body.slots[0]).toMatchObject({
      serviceId: mmg.id,
      localTime: '20 h 00',
      place,
      free: 2,
      capacity: 2,
    });
    expect(res.body.slots.at(-1).localTime).toBe('23 h 45');
  });

  it('is refused to a colleague (403) and unknown to another territory (404)', async () => {
    const callId = await aCall();
    const url = `/api/calls/${callId}/consultation-slots`;
    expect((await request(t.app).get(url).set(bearer(colleagueUser))).status).toBe(403);
    expect((await request(t.app).get(url).set(bearer(managerB))).status).toBe(404);
    expect((await request(t.app).get(url).set(bearer(manager))).status).toBe(200);
  });
});

describe('booking', () => {
  it('a slot of capacity 2 takes two patients, then refuses the third with a French 409', async () => {
    const slot = at('19:00');
    expect((await book(await aCall(), slot)).status).toBe(201);
    expect((await book(await aCall(), slot)).status).toBe(201);
    const third = await book(await aCall(), slot);
    expect(third.status).toBe(409);
    expect(third.body.message).toMatch(/vient d'être pris/);
    expect(await bookingsAt(slot)).toHaveLength(2);
    const offer = await request(t.app)
      .get(`/api/calls/${await aCall()}/consultation-slots`)
      .set(bearer(regulatorUser));
    expect(offer.body.slots.map((s: { localTime: string }) => s.localTime)).not.toContain(
      '20 h 00',
    );
  });

  it('two régulateurs racing for the last place: exactly one gets it', async () => {
    const slot = at('19:15');
    expect((await book(await aCall(), slot)).status).toBe(201);
    const calls = await Promise.all([aCall(), aCall(), aCall(), aCall()]);
    const answers = await Promise.all(calls.map((c) => book(c, slot)));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409]);
    expect(await bookingsAt(slot)).toHaveLength(2);
  });

  it('sends the patient the time and the address, how to cancel, and no health detail', async () => {
    const callId = await aCall();
    const res = await book(callId, at('19:30'));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ sms: 'queued', localTime: '20 h 30', place });
    const [call] = await t.db.db.select().from(callRecords).where(eq(callRecords.id, callId));
    const [sms] = await t.db.db
      .select()
      .from(smsMessages)
      .where(
        and(
          eq(smsMessages.toNumber, call!.fromNumber),
          eq(smsMessages.kind, 'consultation_booked'),
        ),
      );
    expect(sms!.body).toContain('20 h 30');
    expect(sms!.body).toContain('mardi 24 novembre');
    expect(sms!.body).toContain(place);
    expect(sms!.body).toMatch(/répondez ANNULER/);
    expect(sms!.fromNumber).toBe(territory.number);
    for (const word of [mmg.name, doctor.name, regulator.name, 'fièvre', 'douleur', 'symptôme'])
      expect(sms!.body).not.toContain(word);
    const [audit] = await t.db.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, res.body.id as string));
    expect(audit!.action).toBe('consultation.book');
    expect(JSON.stringify(audit!.after)).not.toContain(call!.fromNumber);
  });

  it('refuses a call more than 24 hours old and a call of a centre15 territory', async () => {
    const old = await aCall({ startedAt: new Date(evening.getTime() - 25 * 3600_000) });
    const late = await book(old, at('22:15'));
    expect(late.status).toBe(409);
    expect(late.body.message).toMatch(/plus de 24 heures/);
    const other = await aTerritory(t.db.db, { regulationMode: 'centre15' });
    const call = await aCall({ territoryId: other.id, connectedProfessionalId: null });
    const admin = await aUser(t.db.db, 'admin');
    const c15 = await book(call, at('22:15'), admin);
    expect(c15.status).toBe(409);
    expect(c15.body.message).toMatch(/centre 15/);
    expect(await bookingsAt(at('22:15'))).toHaveLength(0);
  });

  it('with the queue out of reach, says the SMS is kept, not sent', async () => {
    const proxy = await startTcpProxy(6379);
    const down = await createTestApp({
      publicUrl,
      now: evening,
      redisUrl: `redis://127.0.0.1:${proxy.port}`,
      databaseUrlFor: () => t.db.url, // this file's world, another app whose Redis is cut
    });
    try {
      proxy.cut();
      const res = await request(down.app)
        .post(`/api/calls/${await aCall()}/consultations`)
        .set(bearer(regulatorUser))
        .send({ serviceId: mmg.id, startsAt: at('22:30').toISOString() });
      expect(res.body).toMatchObject({ sms: 'kept' });
      expect(res.body.message).toMatch(/SMS enregistré, envoi dès que possible/);
      // The row waits for the outbox sweep.
      const [row] = await t.db.db
        .select()
        .from(smsMessages)
        .where(eq(smsMessages.dedupeKey, `consultation-booked:${res.body.id as string}`));
      expect(row).toMatchObject({ status: 'queued', twilioSid: null });
    } finally {
      proxy.restore();
      await down.close();
      await proxy.close();
    }
  });

  it('books a hidden caller anyway, sends nothing, and says so', async () => {
    const callId = await aCall({ fromNumber: 'anonymous', callerHidden: true });
    const res = await book(callId, at('19:45'));
    expect(res.status).toBe(201);
    expect(res.body.sms).toBe('hidden_number');
    expect(res.body.message).toMatch(/Numéro masqué/);
    const sent = await t.db.db
      .select()
      .from(smsMessages)
      .where(eq(smsMessages.toNumber, 'anonymous'));
    expect(sent).toHaveLength(0);
  });

  it('refuses a started slot, a slot off the rota and a second booking for the same call', async () => {
    t.setNow(new Date('2026-11-24T19:20:00Z'));
    const started = await book(await aCall(), at('19:15'));
    expect(started.status).toBe(409);
    expect(started.body.message).toMatch(/déjà commencé/);
    expect((await book(await aCall(), at('19:25'))).status).toBe(409);
    expect((await book(await aCall(), at('23:00'))).status).toBe(409);
    const callId = await aCall();
    expect((await book(callId, at('20:00'))).status).toBe(201);
    const again = await book(callId, at('20:15'));
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/déjà réservée pour cet appel/);
  });

  it('the page lists the free slots and one tap books; a bad slot is the form again', async () => {
    const web = await webLogin(t.app, regulatorUser.user.email, regulatorUser.password);
    const callId = await aCall();
    const pageRes = await web.agent.get(`/calls/${callId}/consultation`);
    expect(pageRes.status).toBe(200);
    expect(pageRes.text).toContain('21 h 30');
    expect(pageRes.text).toContain(place);
    const junk = await web.post(`/calls/${callId}/consultation`, { slot: 'nimporte@quoi' });
    expect(junk.status).toBe(400);
    expect(junk.text).toMatch(/Créneau illisible/);
    const res = await web.post(`/calls/${callId}/consultation`, {
      slot: `${mmg.id}@${at('20:30').toISOString()}`,
    });
    expect(res.status).toBe(303);
    const after = await web.agent.get(res.headers.location!);
    expect(after.text).toMatch(/Rendez-vous réservé : 21 h 30/);
    const hidden = await aCall({ fromNumber: 'anonymous', callerHidden: true });
    expect((await web.agent.get(`/calls/${hidden}/consultation`)).text).toMatch(/Numéro masqué/);
  });
});

describe('the October night', () => {
  it('offers 52 slots, the two 02 h 15 told apart by their offset', async () => {
    // Saturday 24 October 2026, 20:00 CEST → Sunday 25, 08:00 CET: 13 hours at the MMG.
    await aShift(t.db.db, mmg, doctor, {
      startsAt: new Date('2026-10-24T18:00:00Z'),
      endsAt: new Date('2026-10-25T07:00:00Z'),
    });
    t.setNow(new Date('2026-10-24T15:00:00Z'));
    const callId = await aCall({ startedAt: new Date('2026-10-24T14:55:00Z') });
    const api = await request(t.app)
      .get(`/api/calls/${callId}/consultation-slots`)
      .set(bearer(regulatorUser));
    expect(api.body.slots).toHaveLength(52);
    const web = await webLogin(t.app, regulatorUser.user.email, regulatorUser.password);
    const page = await web.agent.get(`/calls/${callId}/consultation`);
    expect(page.text).toContain('02 h 15 (UTC+2)');
    expect(page.text).toContain('02 h 15 (UTC+1)');
  });
});

describe('ANNULER by SMS', () => {
  it('cancels the number’s next consultation, frees its place and confirms', async () => {
    const from = '+33639982001';
    const slot = at('21:00');
    const callId = await aCall({ fromNumber: from });
    expect((await book(callId, slot)).status).toBe(201);
    const reply = await text(from, 'Annuler svp');
    expect(reply).toMatch(/rendez-vous du mardi 24 novembre à 22 h 00 est annulé/);
    const [row] = await bookingsAt(slot);
    expect(row!.status).toBe('cancelled');
    const [audit] = await t.db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, row!.id), eq(auditLog.action, 'consultation.cancel')));
    expect(audit!.actorLabel).toBe('sms:+33 6 ** ** ** 01');
    // Its place is offered again; a second ANNULER finds nothing left to cancel.
    const offer = await request(t.app)
      .get(`/api/calls/${await aCall()}/consultation-slots`)
      .set(bearer(regulatorUser));
    const freed = offer.body.slots.find((s: { localTime: string }) => s.localTime === '22 h 00');
    expect(freed.free).toBe(2);
    expect(await text(from, 'ANNULER')).toMatch(/Aucun rendez-vous à venir/);
  });

  it('answers in French, then English when the patient called in English', async () => {
    const from = '+33639982005';
    expect((await book(await aCall({ fromNumber: from, lang: 'en' }), at('21:15'))).status).toBe(
      201,
    );
    const reply = await text(from, 'annuler');
    expect(reply).toMatch(/est annulé/);
    expect(reply).toMatch(/your appointment on Tuesday 24 November at 22 h 15 is cancelled/);
  });

  it('a retried webhook (same MessageSid) cancels one booking, not the next one too', async () => {
    const from = '+33639982006';
    expect((await book(await aCall({ fromNumber: from }), at('21:45'))).status).toBe(201);
    expect((await book(await aCall({ fromNumber: from }), at('22:00'))).status).toBe(201);
    const sid = 'SMretried0000000000000000000000001';
    expect(await text(from, 'ANNULER', sid)).toMatch(/est annulé/);
    expect(await text(from, 'ANNULER', sid)).toBe('');
    const rows = [...(await bookingsAt(at('21:45'))), ...(await bookingsAt(at('22:00')))];
    const mine = rows.filter((r) => r.patientNumber === from).map((r) => r.status);
    expect(mine.sort()).toEqual(['booked', 'cancelled']);
  });

  it('from a number without a booking, says there is none', async () => {
    expect(await text('+33639982002', 'ANNULER')).toMatch(/Aucun rendez-vous à venir/);
  });
});

describe('the MMG doctor’s evening', () => {
  it('shows the doctor the numbers, managers counts only; marks are the doctor’s and audited', async () => {
    const from = '+33639982003';
    const slot = at('21:30');
    const booked = await book(await aCall({ fromNumber: from }), slot);
    const id = booked.body.id as string;
    const doctorWeb = await webLogin(t.app, doctorUser.user.email, doctorUser.password);
    const list = await doctorWeb.agent.get('/consultations');
    expect(list.status).toBe(200);
    expect(list.text).toContain(from);
    expect(list.text).toContain('22 h 30');
    const managerWeb = await webLogin(t.app, manager.user.email, manager.password);
    const counts = await managerWeb.agent.get('/consultations');
    expect(counts.status).toBe(200);
    expect(counts.text).toContain('slot-counts');
    expect(counts.text).not.toContain(from);
    const colleagueWeb = await webLogin(t.app, colleagueUser.user.email, colleagueUser.password);
    expect((await colleagueWeb.agent.get('/consultations')).text).not.toContain(from);

    const mark = (who: AUser, outcome: string) =>
      request(t.app).post(`/api/consultations/${id}/outcome`).set(bearer(who)).send({ outcome });
    expect((await mark(colleagueUser, 'honoured')).status).toBe(403);
    expect((await mark(manager, 'honoured')).status).toBe(403);
    expect((await mark(managerB, 'honoured')).status).toBe(404);
    const early = await mark(doctorUser, 'no_show');
    expect(early.status).toBe(409);
    expect(early.body.message).toMatch(/pas encore commencé/);

    t.setNow(new Date('2026-11-24T21:50:00Z'));
    const page = await doctorWeb.post(`/consultations/${id}/no_show`, {
      back: '/consultations?jour=2026-11-24',
    });
    expect(page.status).toBe(303);
    expect((await bookingsAt(slot)).find((b) => b.id === id)!.status).toBe('no_show');
    const recount = await managerWeb.agent.get('/consultations?jour=2026-11-24');
    expect(recount.text).toMatch(/<strong>1 absent\(s\)<\/strong>/);
    // A correction: the patient came after all.
    expect((await mark(doctorUser, 'honoured')).body.status).toBe('honoured');
    const audits = await t.db.db.select().from(auditLog).where(eq(auditLog.entityId, id));
    expect(audits.map((a) => a.action).sort()).toEqual([
      'consultation.book',
      'consultation.honoured',
      'consultation.no_show',
    ]);
  });

  it('a cancelled booking cannot be marked', async () => {
    const from = '+33639982004';
    const booked = await book(await aCall({ fromNumber: from }), at('22:00'));
    await text(from, 'ANNULER');
    const res = await request(t.app)
      .post(`/api/consultations/${booked.body.id as string}/outcome`)
      .set(bearer(doctorUser))
      .send({ outcome: 'honoured' });
    expect(res.status).toBe(409);
  });
});
