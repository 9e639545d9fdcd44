import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../db/seed/seed-demo.js';
import { callEvents, callRecords, regulationFiches, territories } from '../../db/schema/index.js';
import { doctorContacts } from '../../server/line/contacts.js';
import { loadLineContext } from '../../server/line/line-context.js';
import type { Contact } from '../../rota/types.js';
import { startLiveService, type LiveService } from '../support/live.js';

/**
 * A patient holds while the on-duty doctor is with someone else; once free, the doctor is offered
 * the queue and takes them. Which caller Twilio dequeues only Twilio knows: its <Queue url>,
 * requested for that caller with the doctor's leg (DequeingCallSid), makes the caller's own record
 * name the régulateur, so that the fiche opens when the call ends (territory in 'plateforme').
 */
const line = '+33261910015';
// Tuesday 24 November 2026, 22:00 in Paris: PDSA hours, the night shift.
const night = new Date('2026-11-24T21:00:00Z');
let s: LiveService;
let primary: Contact;

const recordOf = async (callSid: string) =>
  (await s.db.db.select().from(callRecords).where(eq(callRecords.callSid, callSid)))[0];

beforeAll(async () => {
  s = await startLiveService({ now: night });
  await seedDemo(s.db.db, night);
  const [territory] = await s.db.db.select().from(territories);
  await s.db.db
    .update(territories)
    .set({
      regulationMode: 'plateforme',
      conventionRef: 'CONV-56-2026-01',
      conventionSignedOn: '2026-01-15',
      arsApprovedOn: '2026-02-01',
    })
    .where(eq(territories.id, territory!.id));
  primary = doctorContacts((await loadLineContext(s.db.db, line, night))!, night)[0]!;
});
afterAll(() => s.close());

describe('a doctor takes a patient from the hold queue', () => {
  it("the patient's record names the doctor, and the fiche opens when the call ends", async () => {
    const doctor = s.emulator.phone(primary.phone);
    const first = await s.emulator.phone('+33612000121').dial(line);
    await first.hears(/tapez 1/i);
    await first.press('1');
    const ring = await doctor.rings();
    await ring.answer();
    await ring.press('1');
    await first.isConnectedTo(primary.phone);

    const held = await s.emulator.phone('+33612000122').dial(line);
    await held.hears(/tapez 1/i);
    await held.press('1');
    await held.hears(/en ligne avec un autre patient/);
    await held.press('1');
    await held.hears(/Vous êtes le prochain patient/);

    // The doctor is freed: the platform rings them with the queue's offer, and they take it.
    await ring.hangup();
    await first.ended();
    const offer = await doctor.rings();
    await offer.answer();
    await offer.hears(/Un patient vous attend/);
    await offer.press('1');
    await held.hears('Mise en relation avec le médecin.');
    await held.isConnectedTo(primary.phone);

    const record = await recordOf(held.sid);
    expect(record).toMatchObject({
      connectedProfessionalId: primary.professionalId,
      outcome: 'connected',
    });
    expect(record!.connectedAt).toBeInstanceOf(Date);
    const visits = await s.db.db
      .select({ node: callEvents.node })
      .from(callEvents)
      .where(eq(callEvents.callSid, held.sid));
    expect(visits.map((v) => v.node)).toContain('hold_taken');

    await held.hangup();
    await offer.ended();
    await expect
      .poll(async () => {
        const [fiche] = await s.db.db
          .select()
          .from(regulationFiches)
          .where(eq(regulationFiches.callId, record!.id));
        return fiche?.regulatorId;
      })
      .toBe(primary.professionalId);
  });
});
