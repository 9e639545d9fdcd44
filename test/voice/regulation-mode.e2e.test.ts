import { and, eq } from 'drizzle-orm';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../db/seed/seed-demo.js';
import { demoTerritory } from '../../db/seed/demo-territory.js';
import { auditLog, callEvents, callRecords, territories } from '../../db/schema/index.js';
import { doctorContacts } from '../../server/line/contacts.js';
import { loadLineContext } from '../../server/line/line-context.js';
import { aUser } from '../support/factories.js';
import { webLogin } from '../support/web-session.js';
import { startLiveService, type LiveService } from '../support/live.js';

/*
 * Issue 17 on the phone network in a box: in centre15 mode no call rings a doctor and every call
 * ends with the CRRA or a clear instruction; in plateforme mode the régulateur hands the live
 * patient to the CRRA through Twilio's REST API.
 */
const line = demoTerritory.publicNumber;
const crra = demoTerritory.regulation.crraNumber;
// Tuesday 24 November 2026, 22:00 in Paris: PDSA hours, a doctor on duty.
const night = new Date('2026-11-24T21:00:00Z');
let s: LiveService;
let territoryId: string;
let doctors: { phone: string; professionalId: string | null }[];

beforeAll(async () => {
  s = await startLiveService({ now: night });
  await seedDemo(s.db.db, night);
  const context = (await loadLineContext(s.db.db, line, night))!;
  territoryId = context.territory.territory.id;
  doctors = doctorContacts(context, night);
  expect(doctors.map((d) => d.professionalId === null)).toEqual([false, false, true]);
});
afterAll(() => s.close());

const setMode = (fields: Partial<typeof territories.$inferInsert>) =>
  s.db.db.update(territories).set(fields).where(eq(territories.id, territoryId));

/** Legs the platform dialled to a doctor of the rota or to the fallback line, during `calls`. */
const doctorLegs = (callSids: string[]) => {
  const numbers = new Set(doctors.map((d) => d.phone));
  return s.emulator
    .calls()
    .filter((c) => c.parentCallSid !== null && callSids.includes(c.parentCallSid))
    .filter((c) => numbers.has(c.to));
};
const recordOf = async (callSid: string) =>
  (await s.db.db.select().from(callRecords).where(eq(callRecords.callSid, callSid)))[0];

describe('centre15 mode with a CRRA number', () => {
  beforeAll(() => setMode({ regulationMode: 'centre15', crraNumber: crra }));

  it('1 transfers the caller to the CRRA, unscreened; no doctor rings', async () => {
    const call = await s.emulator.phone('+33612000101').dial(line);
    await call.hears(/vie est en danger/);
    await call.hears(/centre 15, tapez 1 ou restez en ligne/);
    expect(call.transcript().join(' ')).not.toMatch(/tapez 3/);
    await call.press('1');
    await call.hears(/Nous vous transférons à la régulation médicale/);
    const ring = await s.emulator.phone(crra).rings();
    await ring.answer();
    await call.isConnectedTo(crra);
    expect(ring.transcript()).toEqual([]); // no "appuyez sur 1": a call centre, not screened
    await ring.hangup();
    await call.hears(/Merci de votre appel/);
    await call.ended();
    expect(doctorLegs([call.sid])).toEqual([]);
    await expect.poll(async () => (await recordOf(call.sid))?.outcome).toBe('call_15_first');
  });

  it('a silent caller goes to the CRRA; a busy CRRA ends with the number to dial, in French then English', async () => {
    s.emulator.phone(crra).behave({ answer: 'busy' });
    const call = await s.emulator.phone('+33612000102').dial(line);
    await call.hears(/vie est en danger/);
    await call.hears(/Nous vous transférons/);
    await call.hears(/n'a pas pu répondre\. Raccrochez et composez le 15/);
    await call.hears(/could not answer\. Please hang up and dial 15/);
    await call.ended();
    expect(doctorLegs([call.sid])).toEqual([]);
    s.emulator.phone(crra).behave({ answer: 'manual' });
  });
});

describe('centre15 mode without a CRRA number', () => {
  beforeAll(() =>
    setMode({ regulationMode: 'centre15', crraNumber: null, regionalRegulationNumber: '116117' }),
  );

  it('every choice ends with the number to dial or the pharmacy, never a doctor', async () => {
    const sids: string[] = [];
    for (const keys of [['1'], [], ['3', '1'], ['9', '1'], ['2']]) {
      const call = await s.emulator.phone(`+3361200020${sids.length}`).dial(line);
      sids.push(call.sid);
      await call.hears(/vie est en danger/);
      await call.hears(/raccrochez et composez le 116 117/);
      for (const key of keys) {
        await call.press(key);
        if (key === '3') await call.hears(/pas compris/);
        if (key === '9') await call.hears(/hang up and dial 116 117/);
      }
      const last = keys.at(-1);
      if (last === '2') await call.hears(/pharmacie de garde est/);
      else if (last === '1' && keys[0] === '9')
        await call.hears(/hang up and dial 116 117: the regulating doctor.*Goodbye/);
      else {
        await call.hears(/raccrochez et composez le 116 117 : le médecin régulateur.*Au revoir/);
        await call.hears(/hang up and dial 116 117/);
      }
      if (last === '2') await call.hangup();
      else await call.ended();
    }
    expect(doctorLegs(sids)).toEqual([]);
  });

  afterAll(() =>
    setMode({
      regulationMode: 'plateforme',
      crraNumber: crra,
      regionalRegulationNumber: '15',
    }),
  );
});

describe("plateforme mode: the régulateur's hand-off to the CRRA", () => {
  it('moves the live patient from the doctor to the CRRA, recorded and audited', async () => {
    const primary = doctors[0]!;
    const regulator = await aUser(s.db.db, 'professional', {
      territories: [{ id: territoryId }],
      professional: { id: primary.professionalId! },
    });
    const other = await aUser(s.db.db, 'professional', {
      territories: [{ id: territoryId }],
      professional: { id: doctors[1]!.professionalId! },
    });
    const call = await s.emulator.phone('+33612000301').dial(line);
    await call.hears(/tapez 1/i);
    await call.press('1');
    const ring = await s.emulator.phone(primary.phone).rings();
    await ring.answer();
    await ring.press('1');
    await call.isConnectedTo(primary.phone);
    // The check the centre15 tests rely on sees a doctor's leg when there is one.
    expect(doctorLegs([call.sid]).map((c) => c.to)).toEqual([primary.phone]);

    const handOff = (token: string) =>
      request(s.app)
        .post(`/api/calls/${call.sid}/crra-handoff`)
        .set('Authorization', `Bearer ${token}`);
    // A colleague not on this call may not move its patient.
    expect((await handOff(other.token)).status).toBe(403);
    // Two submits at once (a double tap, two tabs): one redirect, the other is refused.
    const both = await Promise.all([handOff(regulator.token), handOff(regulator.token)]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    await call.hears(/Le médecin vous transfère à la régulation médicale du centre 15/);
    const crraRing = await s.emulator.phone(crra).rings();
    await crraRing.answer();
    await call.isConnectedTo(crra);
    const crraLegs = s.emulator
      .calls()
      .filter((c) => c.to === crra && c.parentCallSid === call.sid);
    expect(crraLegs).toHaveLength(1);
    expect((await handOff(regulator.token)).status).toBe(409); // once per call
    await call.hangup();

    const events = await s.db.db
      .select()
      .from(callEvents)
      .where(and(eq(callEvents.callSid, call.sid), eq(callEvents.node, 'crra_handoff')));
    expect(events).toMatchObject([{ professionalId: primary.professionalId }]);
    const audits = await s.db.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'call.crra_handoff'));
    expect(audits).toHaveLength(1);
    await expect.poll(async () => (await recordOf(call.sid))?.status).not.toBe('in-progress');
    // The patient was regulated by the doctor before the hand-off: the record says so.
    expect(await recordOf(call.sid)).toMatchObject({
      outcome: 'connected',
      connectedProfessionalId: primary.professionalId,
    });
    const after = await handOff(regulator.token);
    expect(after.status).toBe(409);
    expect(after.body.message).toMatch(/terminé/);
  });

  it('from the page: « Transférer au 15 (CRRA) » asks for a confirmation, then moves the patient', async () => {
    const backup = doctors[1]!;
    const regulator = await aUser(s.db.db, 'professional', {
      territories: [{ id: territoryId }],
      professional: { id: backup.professionalId! },
    });
    s.emulator.phone(doctors[0]!.phone).behave({ answer: 'busy' });
    const call = await s.emulator.phone('+33612000302').dial(line);
    await call.hears(/tapez 1/i);
    await call.press('1');
    const ring = await s.emulator.phone(backup.phone).rings();
    await ring.answer();
    await ring.press('1');
    await call.isConnectedTo(backup.phone);
    s.emulator.phone(doctors[0]!.phone).behave({ answer: 'manual' });

    // The fiche de régulation links here by the call record's id.
    const record = await recordOf(call.sid);
    const web = await webLogin(s.app, regulator.user.email, regulator.password);
    const shown = await web.agent.get(`/calls/${record!.id}/crra`);
    expect(shown.status).toBe(200);
    expect(shown.text).toMatch(/Transférer au 15 \(CRRA\)<\/button>/);
    const unconfirmed = await web.post(`/calls/${record!.id}/crra`, {});
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.text).toMatch(/Cochez la case/);
    expect(call.connectedTo()).toBe(backup.phone);
    // Twilio refuses the redirect once: the claim is given back, the patient stays with the doctor.
    s.emulator.failNext({ path: 'Calls', status: 500, times: 1 });
    const refused = await request(s.app)
      .post(`/api/calls/${call.sid}/crra-handoff`)
      .set('Authorization', `Bearer ${regulator.token}`);
    expect(refused.status).toBe(502);
    expect(refused.body.message).toMatch(/La téléphonie ne répond pas/);
    expect(call.connectedTo()).toBe(backup.phone);
    const done = await web.post(`/calls/${record!.id}/crra`, { confirm: 'oui' });
    expect(done.status).toBe(303);
    const crraRing = await s.emulator.phone(crra).rings();
    await crraRing.answer();
    await call.isConnectedTo(crra);
    expect((await web.agent.get(done.headers.location!)).text).toMatch(/est transféré/);
    await call.hangup();
  });
});
