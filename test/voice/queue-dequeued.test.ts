import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../db/seed/seed-demo.js';
import { callRecords } from '../../db/schema/index.js';
import { doctorContacts } from '../../server/line/contacts.js';
import { loadLineContext } from '../../server/line/line-context.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { parseTwiml, signedPost, spoken } from '../support/twilio-post.js';

/**
 * Twilio's <Queue url>, requested for the caller a doctor's <Dial><Queue> takes: the doctor is
 * the one whose bridge claim is keyed by the dialling leg (DequeingCallSid), from the shared
 * live-call facts (any instance answers); whatever happens the caller is bridged.
 */
const publicUrl = 'https://garde.test';
const line = '+33261910015';
const night = new Date('2026-11-24T21:00:00Z');
let t: TestApp;
let doctorId: string;
let backupId: string;

beforeAll(async () => {
  t = await createTestApp({ publicUrl, now: night });
  await seedDemo(t.db.db, night);
  const contacts = doctorContacts((await loadLineContext(t.db.db, line, night))!, night);
  doctorId = contacts[0]!.professionalId!;
  backupId = contacts[1]!.professionalId!;
});
afterAll(() => t.close());

const post = (path: string, params: Record<string, string>) =>
  signedPost(t.app, publicUrl, t.deps.config.TWILIO_AUTH_TOKEN, path, params);
const patient = (sid: string, extra: Record<string, string> = {}) => ({
  CallSid: sid,
  From: '+33612345670',
  To: line,
  CallStatus: 'in-progress',
  ...extra,
});
const recordOf = async (callSid: string) =>
  (await t.db.db.select().from(callRecords).where(eq(callRecords.callSid, callSid)))[0];

describe('the caller a doctor takes from the queue', () => {
  it('is recorded as connected to the doctor claimed on the dequeuing leg', async () => {
    await post('/twilio/voice', patient('CA-held1'));
    await t.deps.live!.bridge(
      { professionalId: doctorId, callSid: 'CA-doc1', legSid: 'CA-doc1' },
      null,
    );
    const res = await post(
      '/twilio/voice/queue-dequeued',
      patient('CA-held1', { DequeingCallSid: 'CA-doc1', QueueSid: 'QU1', QueueTime: '40' }),
    );
    const verbs = parseTwiml(res.text);
    expect(verbs.map((v) => v.name)).toEqual(['Say', 'Say']);
    expect(spoken(verbs)).toMatch(/Mise en relation avec le médecin/);
    expect(await recordOf('CA-held1')).toMatchObject({
      connectedProfessionalId: doctorId,
      connectedAt: night,
      outcome: 'connected',
    });
    await t.deps.live!.callEnded('CA-doc1');
  });

  it('two doctors taking at once: each caller names the doctor of the leg that took them', async () => {
    const live = t.deps.live!;
    expect(backupId).toMatch(/^[0-9a-f-]{36}$/);
    expect(backupId).not.toBe(doctorId);
    await live.bridge({ professionalId: doctorId, callSid: 'CA-doc4', legSid: 'CA-doc4' }, null);
    await live.bridge({ professionalId: backupId, callSid: 'CA-doc5', legSid: 'CA-doc5' }, null);
    await post('/twilio/voice', patient('CA-held4'));
    await post('/twilio/voice', patient('CA-held5'));
    // Twilio gave the oldest caller to the doctor who dialled second: only it knows.
    await post(
      `/twilio/voice/queue-dequeued?pro=${backupId}`,
      patient('CA-held4', { DequeingCallSid: 'CA-doc5' }),
    );
    await post(
      `/twilio/voice/queue-dequeued?pro=${doctorId}`,
      patient('CA-held5', { DequeingCallSid: 'CA-doc4' }),
    );
    expect((await recordOf('CA-held4'))!.connectedProfessionalId).toBe(backupId);
    expect((await recordOf('CA-held5'))!.connectedProfessionalId).toBe(doctorId);
    await live.callEnded('CA-doc4');
    await live.callEnded('CA-doc5');
  });

  it('the shared facts not knowing the leg: the doctor its <Queue url> names', async () => {
    await post('/twilio/voice', patient('CA-held3'));
    await post(
      `/twilio/voice/queue-dequeued?pro=${doctorId}`,
      patient('CA-held3', { DequeingCallSid: 'CA-doc3', QueueSid: 'QU1' }),
    );
    expect(await recordOf('CA-held3')).toMatchObject({ connectedProfessionalId: doctorId });
  });

  it('an unknown dequeuing leg still bridges, and names nobody', async () => {
    await post('/twilio/voice', patient('CA-held2'));
    const res = await post(
      '/twilio/voice/queue-dequeued',
      patient('CA-held2', { DequeingCallSid: 'CA-nobody', QueueSid: 'QU1' }),
    );
    expect(res.status).toBe(200);
    expect(parseTwiml(res.text).map((v) => v.name)).toEqual(['Say', 'Say']);
    expect(await recordOf('CA-held2')).toMatchObject({
      connectedProfessionalId: null,
      connectedAt: null,
    });
  });
});
