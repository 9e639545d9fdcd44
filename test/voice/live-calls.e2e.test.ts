import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../db/seed/seed-demo.js';
import { callbackRequests, callRecords, territories } from '../../db/schema/index.js';
import { doctorContacts } from '../../server/line/contacts.js';
import { loadLineContext } from '../../server/line/line-context.js';
import type { Contact } from '../../rota/types.js';
import { startLiveService, type LiveService } from '../support/live.js';

// One instance on the embedded default's store (PostgreSQL: no REDIS_URL in the config).
const line = '+33261910015';
// Tuesday 24 November 2026, 22:00 in Paris: the night shift (20:00–08:00).
const night = new Date('2026-11-24T21:00:00Z');
// The last seconds of that shift, and the first minute after it (the rota names nobody then).
const endOfShift = new Date('2026-11-25T06:59:50Z');
const morning = new Date('2026-11-25T07:00:30Z');
let s: LiveService;
let primary: Contact;
let backup: Contact;
let fallback: Contact;
let territoryId: string;

const contactsAt = async (at: Date) =>
  doctorContacts((await loadLineContext(s.db.db, line, at))!, at);

beforeAll(async () => {
  s = await startLiveService({ now: night });
  await seedDemo(s.db.db, night);
  [primary, backup, fallback] = (await contactsAt(night)) as [Contact, Contact, Contact];
  territoryId = (await s.db.db.select().from(territories))[0]!.id;
});
afterAll(() => s.close());
afterEach(async () => {
  s.setNow(night);
  for (const c of [primary, backup, fallback])
    s.emulator.phone(c.phone).behave({ answer: 'manual' });
  await s.db.db
    .update(territories)
    .set({ holdLimitSeconds: 180, fallbackIsCallCentre: false })
    .where(eq(territories.id, territoryId));
});

const recordOf = async (callSid: string) =>
  (await s.db.db.select().from(callRecords).where(eq(callRecords.callSid, callSid)))[0];

async function connectToPrimary(patient: string) {
  const call = await s.emulator.phone(patient).dial(line);
  await call.hears(/tapez 1/i);
  await call.press('1');
  const ring = await s.emulator.phone(primary.phone).rings();
  await ring.answer();
  await ring.press('1');
  await call.isConnectedTo(primary.phone);
  return { call, ring };
}

describe('hold has a limit, per territory', () => {
  it('a caller holding past the limit is escalated to the backup level', async () => {
    await s.db.db
      .update(territories)
      .set({ holdLimitSeconds: 30 })
      .where(eq(territories.id, territoryId));
    const first = await connectToPrimary('+33612000101');
    const second = await s.emulator.phone('+33612000102').dial(line);
    await second.hears(/tapez 1/i);
    await second.press('1');
    await second.hears(/en ligne avec un autre patient/);
    await second.press('1');
    await second.hears(/Vous êtes le prochain patient/);
    await second.hears(/toujours occupé/);
    const ring = await s.emulator.phone(backup.phone).rings();
    await ring.answer();
    await ring.press('1');
    await second.isConnectedTo(backup.phone);
    await second.hangup();
    await first.call.hangup();
    await expect.poll(async () => (await recordOf(second.sid))?.outcome).toBe('connected');
  });
});

describe('the fallback line', () => {
  const nobodyOnTheRota = () => {
    s.emulator.phone(primary.phone).behave({ answer: 'never' });
    s.emulator.phone(backup.phone).behave({ answer: 'busy' });
  };

  it('is screened like a doctor: its voicemail never takes the patient', async () => {
    nobodyOnTheRota();
    s.emulator.phone(fallback.phone).behave({ answer: 'voicemail', answerAfterMs: 1000 });
    const call = await s.emulator.phone('+33612000121').dial(line);
    await call.hears(/tapez 1/i);
    await call.press('1');
    await call.hears(/permanence/);
    await call.hears(/demande de rappel est enregistrée/);
    await call.ended();
    const [callback] = await s.db.db
      .select()
      .from(callbackRequests)
      .where(eq(callbackRequests.callSid, call.sid));
    expect(callback).toMatchObject({ reason: 'nobody_answered' });
  });

  it('a staffed call centre is dialled without screening, and its answer connects', async () => {
    await s.db.db
      .update(territories)
      .set({ fallbackIsCallCentre: true })
      .where(eq(territories.id, territoryId));
    nobodyOnTheRota();
    s.emulator.phone(fallback.phone).behave({ answer: 'auto', answerAfterMs: 1000 });
    const call = await s.emulator.phone('+33612000122').dial(line);
    await call.hears(/tapez 1/i);
    await call.press('1');
    await call.hears(/permanence/);
    await call.isConnectedTo(fallback.phone);
    await call.hangup();
    // The record says the permanence took the call (never a professional: issue 16).
    await expect.poll(async () => (await recordOf(call.sid))?.outcome).toBe('fallback');
    expect((await recordOf(call.sid))?.connectedProfessionalId).toBeNull();
  });
});

// Last: it moves the clock forward, and the line context cache would not reload for an earlier time.
describe('the screening keypress names the professional rung', () => {
  it('at the end of a shift, the doctor who was rung is the one bridged', async () => {
    s.setNow(endOfShift);
    expect((await contactsAt(morning))[0]!.professionalId).toBeNull();
    const call = await s.emulator.phone('+33612000111').dial(line);
    await call.hears(/tapez 1/i);
    await call.press('1');
    const ring = await s.emulator.phone(primary.phone).rings();
    // The shift ends while the doctor's phone rings: the rota now names nobody at that position.
    s.setNow(morning);
    await ring.answer();
    await ring.press('1');
    await call.isConnectedTo(primary.phone);
    expect(await s.deps.live!.isBusy(primary.professionalId)).toBe(true);
    await call.hangup();
    await expect.poll(() => s.deps.live!.isBusy(primary.professionalId)).toBe(false);
    await expect.poll(async () => (await recordOf(call.sid))?.outcome).toBe('connected');
    // The record names the doctor who answered, not whoever the rota names now.
    expect((await recordOf(call.sid))?.connectedProfessionalId).toBe(primary.professionalId);
  });
});
