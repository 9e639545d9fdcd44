import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../db/seed/seed-demo.js';
import { callbackRequests, callEvents, callRecords, smsMessages } from '../../db/schema/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { parseTwiml, signedPost, spoken } from '../support/twilio-post.js';

const publicUrl = 'https://garde.test';
let t: TestApp;
// A Tuesday 22:00 in Paris: PDSA hours.
const night = new Date('2026-11-24T21:00:00Z');

beforeAll(async () => {
  t = await createTestApp({ publicUrl, now: night });
  await seedDemo(t.db.db, night);
});
afterAll(() => t.close());

const post = (path: string, params: Record<string, string>) =>
  signedPost(t.app, publicUrl, t.deps.config.TWILIO_AUTH_TOKEN, path, params);
const call = (sid: string, extra: Record<string, string> = {}) => ({
  CallSid: sid,
  From: '+33612345678',
  To: '+33261910015',
  CallStatus: 'in-progress',
  ...extra,
});
const pathOf = (url: string) => url.replace(publicUrl, '');

describe('the patient line webhooks', () => {
  it('greets, warns, then routes 1 to a screened doctor; a keypress connects', async () => {
    const first = await post('/twilio/voice', call('CA-w1'));
    expect(first.status).toBe(200);
    expect(first.type).toBe('text/xml');
    const verbs = parseTwiml(first.text);
    expect(verbs.map((v) => v.name)).toEqual(['Say', 'Gather', 'Redirect']);
    expect(verbs[0]!.text).toMatch(/Pays d'Auray.*vie est en danger/);

    const menu = await post(pathOf(verbs[1]!.attrs.action!), call('CA-w1', { Digits: '1' }));
    const routed = parseTwiml(menu.text);
    const dial = routed.find((v) => v.name === 'Dial')!;
    expect(dial.attrs).toMatchObject({ answerOnBridge: 'true', timeout: '20' });
    const number = dial.children[0]!;
    expect(number.name).toBe('Number');
    expect(number.text).toMatch(/^\+336399800\d\d$/);

    const screen = parseTwiml(
      (
        await post(pathOf(number.attrs.url!), {
          CallSid: 'CA-leg1',
          From: '+33261910015',
          To: number.text,
        })
      ).text,
    );
    expect(spoken(screen)).toMatch(/Appuyez sur 1 pour répondre/);
    const gather = screen.find((v) => v.name === 'Gather')!;
    const accepted = await post(pathOf(gather.attrs.action!), { CallSid: 'CA-leg1', Digits: '1' });
    expect(parseTwiml(accepted.text)).toEqual([]);

    const after = await post(
      pathOf(dial.attrs.action!),
      call('CA-w1', { DialCallStatus: 'completed', DialCallDuration: '120' }),
    );
    expect(parseTwiml(after.text).map((v) => v.name)).toEqual(['Say', 'Hangup']);
    const [record] = await t.db.db
      .select()
      .from(callRecords)
      .where(eq(callRecords.callSid, 'CA-w1'));
    expect(record).toMatchObject({ outcome: 'connected', fromNumber: '+33612345678' });
    expect(record!.connectedProfessionalId).not.toBeNull();
    const kinds = (
      await t.db.db.select().from(callEvents).where(eq(callEvents.callSid, 'CA-w1'))
    ).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['visit', 'ring', 'accepted', 'ring_result']));

    // While that call lasts the doctor is busy: the next caller is offered to hold.
    const busy = parseTwiml(
      (
        await post(
          '/twilio/voice/menu?lang=fr&retries=0&attempt=0',
          call('CA-w1b', { Digits: '1' }),
        )
      ).text,
    );
    expect(spoken(busy)).toMatch(/en ligne avec un autre patient/);

    const status = await post(
      '/twilio/status',
      call('CA-w1', { CallStatus: 'completed', CallDuration: '150' }),
    );
    expect(status.status).toBe(204);
    const [closed] = await t.db.db
      .select()
      .from(callRecords)
      .where(eq(callRecords.callSid, 'CA-w1'));
    expect(closed).toMatchObject({
      status: 'completed',
      durationSeconds: 150,
      outcome: 'connected',
    });
  });

  it('a completed dial without keypress (voicemail) escalates to the backup', async () => {
    await post('/twilio/voice', call('CA-w2'));
    const menu = parseTwiml(
      (await post('/twilio/voice/menu?lang=fr&retries=0&attempt=0', call('CA-w2', { Digits: '1' })))
        .text,
    );
    const firstDoctor = menu.find((v) => v.name === 'Dial')!.children[0]!.text;
    const next = parseTwiml(
      (
        await post(
          '/twilio/voice/dial-result?lang=fr&retries=0&attempt=0',
          call('CA-w2', { DialCallStatus: 'completed' }),
        )
      ).text,
    );
    expect(spoken(next)).toMatch(/autre médecin/);
    const secondDoctor = next.find((v) => v.name === 'Dial')!.children[0]!.text;
    expect(secondDoctor).not.toBe(firstDoctor);
  });

  it('after everyone, records one callback and queues a confirmation SMS without health details', async () => {
    await post('/twilio/voice', call('CA-w3'));
    const last = parseTwiml(
      (
        await post(
          '/twilio/voice/dial-result?lang=fr&retries=0&attempt=2',
          call('CA-w3', { DialCallStatus: 'no-answer' }),
        )
      ).text,
    );
    expect(spoken(last)).toMatch(/demande de rappel est enregistrée/);
    const callbacks = await t.db.db
      .select()
      .from(callbackRequests)
      .where(eq(callbackRequests.callSid, 'CA-w3'));
    expect(callbacks).toHaveLength(1);
    expect(callbacks[0]!.enqueuedAt).not.toBeNull();
    const [sms] = await t.db.db.select().from(smsMessages).where(eq(smsMessages.callSid, 'CA-w3'));
    expect(sms).toMatchObject({
      kind: 'callback_confirmation',
      toNumber: '+33612345678',
      fromNumber: '+33261910015',
    });
    // Twilio retries the webhook: still one callback.
    await post(
      '/twilio/voice/dial-result?lang=fr&retries=0&attempt=2',
      call('CA-w3', { DialCallStatus: 'no-answer' }),
    );
    const [n] = await t.db.db
      .select({ n: count() })
      .from(callbackRequests)
      .where(eq(callbackRequests.patientNumber, '+33612345678'));
    expect(n!.n).toBe(1);
  });

  it('an unknown called number, or garbage parameters, still get safe TwiML', async () => {
    const unknown = await post('/twilio/voice', call('CA-w4', { To: '+33100000000' }));
    expect(unknown.status).toBe(200);
    expect(spoken(parseTwiml(unknown.text))).toMatch(/problème technique/);
    const garbage = await post('/twilio/voice/menu?l=xx&r=abc&i=-1', {
      CallSid: '',
      Digits: '💥',
      To: '+33261910015',
    });
    expect(garbage.status).toBe(200);
    expect(parseTwiml(garbage.text).length).toBeGreaterThan(0);
  });

  it('refuses unsigned requests with 403', async () => {
    const { default: request } = await import('supertest');
    const res = await request(t.app).post('/twilio/voice').type('form').send(call('CA-w5'));
    expect(res.status).toBe(403);
  });
});
