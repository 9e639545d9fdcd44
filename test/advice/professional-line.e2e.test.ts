import { eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adviceCalls, avisRequests, callRecords, smsMessages } from '../../db/schema/index.js';
import { createApp } from '../../server/app.js';
import { commitWrites } from '../../server/line/apply-effects.js';
import { startWorkers, type Workers } from '../../server/workers.js';
import {
  aDirectoryEntry,
  anAdviceOffer,
  aProfessionalsLine,
  type DirectoryEntry,
} from '../support/advice.js';
import { aTerritory } from '../support/factories.js';
import { startLiveService, type LiveService } from '../support/live.js';
import { signedPost } from '../support/twilio-post.js';

const patientLine = '+33261917001';
const proLine = '+33261917002';
// Tuesday 24 November 2026, 12:45 in Paris: the rheumatologists' lunch window is open.
const lunch = new Date('2026-11-24T11:45:00Z');
const tuesdayLunch = [{ weekday: 2, start: '12:30', end: '13:30' }];
let s: LiveService;
let workers: Workers;
let gp: DirectoryEntry;
let first: DirectoryEntry;
let second: DirectoryEntry;

beforeAll(async () => {
  s = await startLiveService({ now: lunch, numbers: [patientLine, proLine] });
  workers = startWorkers(s.deps, ['sms']);
  const territory = await aTerritory(s.db.db, { number: patientLine, name: 'Sud Côte-d’Or' });
  await aProfessionalsLine(s.db.db, territory, proLine);
  gp = await aDirectoryEntry(s.db.db, territory, {
    lastName: 'Généraliste',
    mobile: '+33639987001',
  });
  first = await aDirectoryEntry(s.db.db, territory, {
    lastName: 'Arnaud',
    specialtyCodes: ['SM48'],
    mobile: '+33639987011',
  });
  second = await aDirectoryEntry(s.db.db, territory, {
    lastName: 'Bernard',
    specialtyCodes: ['SM48'],
    mobile: '+33639987012',
    directLine: '+33261917012',
  });
  const pneumo = await aDirectoryEntry(s.db.db, territory, {
    lastName: 'Pneumo',
    specialtyCodes: ['SM41'],
  });
  await anAdviceOffer(s.db.db, first, { specialty: 'SM48', windows: tuesdayLunch });
  await anAdviceOffer(s.db.db, second, {
    specialty: 'SM48',
    windows: tuesdayLunch,
    deadlineHours: 24,
  });
  await anAdviceOffer(s.db.db, pneumo, { specialty: 'SM41', windows: tuesdayLunch });
});
afterAll(async () => {
  await workers.close();
  await s.close();
});

const ringsOf = (callSid: string) =>
  s.db.db
    .select()
    .from(adviceCalls)
    .where(eq(adviceCalls.callSid, callSid))
    .orderBy(adviceCalls.attempt);

describe('a GP calls the professionals’ line', () => {
  it('presses the rheumatology key; the rheumatologist accepts by keypress and is bridged', async () => {
    const call = await s.emulator.phone(gp.mobile!).dial(proLine);
    await call.hears(/pneumologie, tapez 1/);
    await call.hears(/rhumatologie, tapez 2/);
    await call.press('2');
    await call.hears(/Nous appelons un spécialiste en rhumatologie/);
    const ring = await s.emulator.phone(first.mobile!).rings();
    await ring.answer();
    await ring.hears(/demande un avis en rhumatologie.*Appuyez sur 1/);
    await ring.press('1');
    await call.isConnectedTo(first.mobile!);
    await ring.hangup();
    await call.ended();
    await expect
      .poll(() => ringsOf(call.sid))
      .toMatchObject([
        {
          attempt: 0,
          callerEntryId: gp.id,
          specialistEntryId: first.id,
          specialtyCode: 'SM48',
          answered: true,
        },
      ]);
    // Not a patient call: nothing in the patient line's records.
    const records = () =>
      s.db.db.select().from(callRecords).where(eq(callRecords.callSid, call.sid));
    expect(await records()).toEqual([]);

    // Its status callback reaching another instance (a cache that never saw the call): no record.
    const ended = {
      CallSid: call.sid,
      AccountSid: s.deps.config.TWILIO_ACCOUNT_SID!,
      From: gp.mobile!,
      To: proLine,
      Direction: 'inbound',
      CallStatus: 'completed',
      CallDuration: '42',
    };
    const other = createApp({ ...s.deps });
    const status = await signedPost(
      other,
      s.url,
      s.deps.config.TWILIO_AUTH_TOKEN!,
      '/twilio/status',
      ended,
    );
    expect(status.status).toBe(204);
    expect(await records()).toEqual([]);
    // Nor when that instance could not load the line and kept the end in its outbox: replayed,
    // the end of a professionals' line call without a record writes none.
    await commitWrites(s.deps, {
      key: `end-${call.sid}`,
      callSid: call.sid,
      at: lunch,
      parties: {
        territoryId: null,
        fromNumber: gp.mobile!,
        toNumber: proLine,
        callerHidden: false,
      },
      events: [],
      sms: [],
      ended: { status: 'completed', durationSeconds: 42 },
    });
    expect(await records()).toEqual([]);
  });

  it('a voicemail answering without a keypress never takes the call: the next specialist does', async () => {
    s.emulator.phone(first.mobile!).behave({ answer: 'voicemail', answerAfterMs: 1000 });
    const call = await s.emulator.phone(gp.mobile!).dial(proLine);
    await call.hears(/rhumatologie, tapez 2/);
    await call.press('2');
    await call.hears(/en joindre un autre/);
    // Her direct line is rung, not her mobile.
    const ring = await s.emulator.phone(second.directLine!).rings();
    await ring.answer();
    await ring.press('1');
    await call.isConnectedTo(second.directLine!);
    await call.hangup();
    await expect
      .poll(async () => (await ringsOf(call.sid)).map((r) => [r.specialistEntryId, r.answered]))
      .toEqual([
        [first.id, false],
        [second.id, true],
      ]);
    s.emulator.phone(first.mobile!).behave({ answer: 'manual' });
  });

  it('nobody available: an avis request is stored, the specialists get an SMS, the GP a confirmation', async () => {
    s.emulator.phone(first.mobile!).behave({ answer: 'never' });
    s.emulator.phone(second.directLine!).behave({ answer: 'busy' });
    const call = await s.emulator.phone(gp.mobile!).dial(proLine);
    await call.hears(/rhumatologie, tapez 2/);
    await call.press('2');
    await call.hears(/demande d'avis en rhumatologie est enregistrée.*24 heures/);
    await call.ended();
    const [request] = await s.db.db
      .select()
      .from(avisRequests)
      .where(eq(avisRequests.callSid, call.sid));
    expect(request).toMatchObject({
      requesterEntryId: gp.id,
      specialtyCode: 'SM48',
      specialistEntryIds: [first.id, second.id],
      status: 'open',
      deadline: new Date(lunch.getTime() + 24 * 3600_000),
    });
    const asked = await s.emulator
      .phone(first.mobile!)
      .receives(/vous a demandé un avis.*06 39 98 70 01.*25\/11 à 12h45/);
    expect(asked.body).not.toMatch(/rhumato/i);
    await s.emulator.phone(second.mobile!).receives(/vous a demandé un avis/);
    await s.emulator.phone(gp.mobile!).receives(/votre demande d'avis est enregistrée/);
    for (const n of [first.mobile!, second.directLine!])
      s.emulator.phone(n).behave({ answer: 'manual' });
  });

  it('a retry after the request was stored (its SMS lost to a stall) still texts, once', async () => {
    s.emulator.phone(first.mobile!).behave({ answer: 'never' });
    s.emulator.phone(second.directLine!).behave({ answer: 'busy' });
    const call = await s.emulator.phone(gp.mobile!).dial(proLine);
    await call.hears(/rhumatologie, tapez 2/);
    // A first attempt of this dial-result committed the request, then Redis stalled: no SMS.
    const [stored] = await s.db.db
      .insert(avisRequests)
      .values({
        territoryId: gp.territoryId,
        callSid: call.sid,
        requesterEntryId: gp.id,
        specialtyCode: 'SM48',
        specialistEntryIds: [first.id, second.id],
        deadline: new Date(lunch.getTime() + 24 * 3600_000),
        createdAt: lunch,
      })
      .returning();
    await call.press('2');
    await call.hears(/demande d'avis en rhumatologie est enregistrée/);
    await call.ended();
    const texts = () =>
      s.db.db
        .select({ key: smsMessages.dedupeKey })
        .from(smsMessages)
        .where(like(smsMessages.dedupeKey, `avis-${stored!.id}-%`));
    await expect.poll(async () => (await texts()).length).toBe(3);
    expect(
      await s.db.db.select().from(avisRequests).where(eq(avisRequests.callSid, call.sid)),
    ).toHaveLength(1);
    for (const n of [first.mobile!, second.directLine!])
      s.emulator.phone(n).behave({ answer: 'manual' });
  });

  it('outside every window: told nothing is open, and may leave an avis request', async () => {
    s.setNow(new Date('2026-11-25T11:45:00Z'));
    const call = await s.emulator.phone(gp.mobile!).dial(proLine);
    await call.hears(/Aucune spécialité ne prend d'appel/);
    await call.hears(/pneumologie, tapez 1/);
    await call.press('1');
    await call.hears(/demande d'avis en pneumologie est enregistrée/);
    await call.ended();
    s.setNow(lunch);
  });
});

describe('a safe answer to the GP', () => {
  it('rings the territory’s own fallback number, not just a hang-up', async () => {
    const territory = await aTerritory(s.db.db, {
      number: '+33261917090',
      fallbackNumber: '+33261917099',
    });
    const line = await aProfessionalsLine(s.db.db, territory, '+33261917091');
    const app = createApp({ ...s.deps });
    const token = s.deps.config.TWILIO_AUTH_TOKEN!;
    const params = {
      CallSid: 'CA-advice-safe',
      AccountSid: s.deps.config.TWILIO_ACCOUNT_SID!,
      From: gp.mobile!,
      To: line,
      Direction: 'inbound',
      CallStatus: 'in-progress',
    };
    // The call's first webhook on this instance: its line (and fallback) is now known here.
    expect((await signedPost(app, s.url, token, '/twilio/voice', params)).status).toBe(200);
    const safe = await signedPost(app, s.url, token, '/twilio/advice/no-such-node', params);
    expect(safe.status).toBe(200);
    expect(safe.text).toContain('+33261917099');
  });
});

describe('anyone else', () => {
  it('is told the line is reserved for professionals and given the patient line', async () => {
    const call = await s.emulator.phone('+33612345670').dial(proLine);
    await call.hears(/réservée aux professionnels.*02 61 91 70 01/s);
    await call.ended();
  });

  it('the patient line is unchanged', async () => {
    const call = await s.emulator.phone('+33612345671').dial(patientLine);
    await call.hears(/vie est en danger/);
    await call.hangup();
  });
});
