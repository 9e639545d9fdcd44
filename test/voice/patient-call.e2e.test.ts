import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../db/seed/seed-demo.js';
import { callbackRequests, callRecords, territories } from '../../db/schema/index.js';
import { doctorContacts } from '../../server/line/contacts.js';
import { loadLineContext } from '../../server/line/line-context.js';
import { startLiveService, type LiveService } from '../support/live.js';

const line = '+33261910015';
// Tuesday 24 November 2026, 22:00 in Paris: PDSA hours.
const night = new Date('2026-11-24T21:00:00Z');
let s: LiveService;
let primary: string;
let backup: string;
let fallback: string;

beforeAll(async () => {
  s = await startLiveService({ now: night });
  await seedDemo(s.db.db, night);
  const contacts = doctorContacts((await loadLineContext(s.db.db, line, night))!, night);
  [primary, backup, fallback] = contacts.map((c) => c.phone) as [string, string, string];
  expect(contacts.map((c) => c.source)).toEqual(['shift', 'shift', 'fallback']);
});
afterAll(() => s.close());

const recordOf = async (callSid: string) =>
  (await s.db.db.select().from(callRecords).where(eq(callRecords.callSid, callSid)))[0];

describe('a patient calls the line at night', () => {
  it('hears the warning, presses 1, the doctor accepts with a keypress: connected', async () => {
    const call = await s.emulator.phone('+33612000001').dial(line);
    await call.hears(/vie est en danger/);
    await call.hears(/tapez 1/i);
    await call.press('1');
    await call.hears(/Nous appelons le médecin de garde/);
    const ring = await s.emulator.phone(primary).rings();
    await ring.answer();
    await ring.hears(/appuyez sur 1 pour répondre/i);
    await ring.press('1');
    await call.isConnectedTo(primary);
    await ring.hangup();
    await call.ended();
    await expect.poll(async () => (await recordOf(call.sid))?.outcome).toBe('connected');
  });

  it("the doctor's voicemail answers: it never takes the patient, the backup is rung", async () => {
    s.emulator.phone(primary).behave({ answer: 'voicemail', answerAfterMs: 3000 });
    const call = await s.emulator.phone('+33612000002').dial(line);
    await call.hears(/vie est en danger/);
    await call.hears(/tapez 1/i);
    await call.press('1');
    await call.hears(/autre médecin/);
    const ring = await s.emulator.phone(backup).rings();
    await ring.answer();
    await ring.press('1');
    await call.isConnectedTo(backup);
    await call.hangup();
    s.emulator.phone(primary).behave({ answer: 'manual' });
  });

  it('nobody answers: fallback line, then a callback request and an SMS', async () => {
    s.emulator.phone(primary).behave({ answer: 'never' });
    s.emulator.phone(backup).behave({ answer: 'busy' });
    s.emulator.phone(fallback).behave({ answer: 'never' });
    const patient = s.emulator.phone('+33612000003');
    const call = await patient.dial(line);
    await call.hears(/vie est en danger/);
    await call.hears(/tapez 1/i);
    await call.press('1');
    await call.hears(/permanence/);
    await call.hears(/demande de rappel est enregistrée/);
    await call.ended();
    const [callback] = await s.db.db
      .select()
      .from(callbackRequests)
      .where(eq(callbackRequests.callSid, call.sid));
    expect(callback).toMatchObject({ patientNumber: '+33612000003', reason: 'nobody_answered' });
    for (const n of [primary, backup, fallback]) s.emulator.phone(n).behave({ answer: 'manual' });
  });

  it('a silent caller is prompted twice, then routed to the doctor (never hung up on in silence)', async () => {
    s.emulator.phone(primary).behave({ answer: 'auto', answerAfterMs: 1000, autoPress: '1' });
    const call = await s.emulator.phone('+33612000004').dial(line);
    await call.hears(/vie est en danger/);
    await call.hears(/rien entendu/);
    await call.hears(/rien entendu/);
    await call.hears(/Nous appelons le médecin de garde/);
    await call.isConnectedTo(primary);
    await call.hangup();
    s.emulator.phone(primary).behave({ answer: 'manual' });
  });

  it('in English after 9, and a hidden number is never promised a callback', async () => {
    const call = await s.emulator.phone('anonymous').dial(line);
    await call.hears(/vie est en danger/);
    await call.hears(/tapez 1/i);
    await call.press('9');
    await call.hears(/press 1/);
    await call.press('3');
    await call.hears(/hidden: we cannot call you back/);
    await call.hangup();
  });
});

describe('the doctor is already with a patient', () => {
  it('the next caller holds, hears their position, and gets the doctor when the first call ends', async () => {
    const first = await s.emulator.phone('+33612000011').dial(line);
    await first.hears(/tapez 1/i);
    await first.press('1');
    const ring = await s.emulator.phone(primary).rings();
    await ring.answer();
    await ring.press('1');
    await first.isConnectedTo(primary);

    const second = await s.emulator.phone('+33612000012').dial(line);
    await second.hears(/tapez 1/i);
    await second.press('1');
    await second.hears(/en ligne avec un autre patient/);
    await second.press('1');
    await second.hears(/Vous êtes le prochain patient/);

    await first.hangup();
    const offer = await s.emulator.phone(primary).rings();
    await offer.answer();
    await offer.hears(/Un patient vous attend/);
    await offer.press('1');
    await second.isConnectedTo(primary);
    await second.hangup();
  });
});

describe('a centre15 territory, and outside PDSA hours', () => {
  it('in centre15 mode without a CRRA number, tells the caller to dial the 15 instead of routing', async () => {
    const [t] = await s.db.db.select().from(territories);
    await s.db.db
      .update(territories)
      .set({ regulationMode: 'centre15', crraNumber: null })
      .where(eq(territories.id, t!.id));
    const call = await s.emulator.phone('+33612000005').dial(line);
    await call.hears(/vie est en danger/);
    await call.hears(/tapez 1/i);
    await call.press('1');
    await call.hears(/raccrochez et composez le 15/);
    await call.ended();
    await s.db.db
      .update(territories)
      .set({ regulationMode: t!.regulationMode, crraNumber: t!.crraNumber })
      .where(eq(territories.id, t!.id));
  });

  it('on a weekday morning: médecin traitant and the daytime number, no routing', async () => {
    s.setNow(new Date('2026-11-24T09:30:00Z'));
    const call = await s.emulator.phone('+33612000006').dial(line);
    await call.hears(/vie est en danger/);
    await call.hears(/médecin traitant.*02 61 91 00 50/);
    await call.press('1');
    await call.hears(/pas compris/);
    await call.hangup();
    s.setNow(night);
  });
});
