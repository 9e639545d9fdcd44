import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../db/seed/seed-demo.js';
import { callEvents, callRecords } from '../../db/schema/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { parseTwiml, signedPost, spoken, type Verb } from '../support/twilio-post.js';

const publicUrl = 'https://garde.test';
const line = '+33261910015';
let t: TestApp;
// A Tuesday 22:00 in Paris: PDSA hours.
const night = new Date('2026-11-24T21:00:00Z');

beforeAll(async () => {
  t = await createTestApp({ publicUrl, now: night });
  await seedDemo(t.db.db, night);
});
afterAll(() => t.close());

const post = async (path: string, params: Record<string, string>) => {
  const res = await signedPost(t.app, publicUrl, t.deps.config.TWILIO_AUTH_TOKEN, path, params);
  expect(res.status).toBe(200);
  return parseTwiml(res.text);
};
const patient = (sid: string, extra: Record<string, string> = {}) => ({
  CallSid: sid,
  From: '+33612345678',
  To: line,
  CallStatus: 'in-progress',
  ...extra,
});
const pathOf = (url: string) => url.replace(publicUrl, '');
const dialOf = (verbs: Verb[]) => verbs.find((v) => v.name === 'Dial');
const recordOf = async (sid: string) =>
  (await t.db.db.select().from(callRecords).where(eq(callRecords.callSid, sid)))[0];
const ended = (sid: string) =>
  signedPost(t.app, publicUrl, t.deps.config.TWILIO_AUTH_TOKEN, '/twilio/status', {
    CallSid: sid,
    CallStatus: 'completed',
  });

describe('the call state carried in webhook URLs', () => {
  it('a call in flight during a deploy: its one-letter URLs still route it to a connected doctor', async () => {
    await post('/twilio/voice', patient('CA-old1'));
    const routed = await post(
      '/twilio/voice/menu?l=en&r=0&i=0',
      patient('CA-old1', { Digits: '1' }),
    );
    expect(spoken(routed)).toMatch(/doctor/i);
    const dial = dialOf(routed)!;
    // The next webhooks are written with the current names.
    expect(pathOf(dial.attrs.action!)).toMatch(
      /^\/twilio\/voice\/dial-result\?lang=en&retries=0&attempt=0&pro=[0-9a-f-]{36}$/,
    );
    const doctor = dial.children[0]!.text;

    const oldLeg = `i=0&c=CA-old1&t=${encodeURIComponent(line)}`;
    const screen = await post(`/twilio/voice/screen?${oldLeg}`, {
      CallSid: 'CA-leg-old1',
      To: doctor,
    });
    expect(pathOf(screen.find((v) => v.name === 'Gather')!.attrs.action!)).toBe(
      `/twilio/voice/screen-result?call=CA-old1&line=${encodeURIComponent(line)}&attempt=0`,
    );
    expect(
      await post(`/twilio/voice/screen-result?${oldLeg}`, { CallSid: 'CA-leg-old1', Digits: '1' }),
    ).toEqual([]);
    const after = await post(
      '/twilio/voice/dial-result?l=en&r=0&i=0',
      patient('CA-old1', { DialCallStatus: 'completed' }),
    );
    expect(after.map((v) => v.name)).toEqual(['Say', 'Hangup']);
    expect(await recordOf('CA-old1')).toMatchObject({ outcome: 'connected' });
    await ended('CA-old1');
  });

  it('the old queue-offer and callback URLs are read too, and answered with the current names', async () => {
    const offer = await post(
      `/twilio/voice/queue-offer?q=line-x&t=${encodeURIComponent(line)}&p=p1`,
      {
        CallSid: 'CA-offer1',
        To: '+33639980001',
      },
    );
    expect(pathOf(offer.find((v) => v.name === 'Gather')!.attrs.action!)).toBe(
      `/twilio/voice/queue-take?queue=line-x&line=${encodeURIComponent(line)}&pro=p1`,
    );
    const id = '00000000-0000-4000-8000-000000000001';
    const screen = await post(`/twilio/callback/screen?cb=${id}&a=1&c=0`, { CallSid: 'CA-cb1' });
    expect(pathOf(screen.find((v) => v.name === 'Gather')!.attrs.action!)).toBe(
      `/twilio/callback/accept?callback=${id}&round=1&contact=0`,
    );
    // A URL naming no callback attempt: a spoken sentence, never an HTTP error.
    const odd = await post('/twilio/callback/screen?callback=nope', { CallSid: 'CA-cb2' });
    expect(odd.map((v) => v.name)).toEqual(['Say', 'Hangup']);
  });
});

describe('each fact of a call has one writer', () => {
  it('the opening writes the record and one greeting visit, however often Twilio retries', async () => {
    await post('/twilio/voice', patient('CA-open1'));
    await post('/twilio/voice', patient('CA-open1'));
    expect(await recordOf('CA-open1')).toMatchObject({
      fromNumber: '+33612345678',
      toNumber: line,
    });
    const greetings = await t.db.db
      .select()
      .from(callEvents)
      .where(and(eq(callEvents.callSid, 'CA-open1'), eq(callEvents.node, 'greeting')));
    expect(greetings).toHaveLength(1);
  });

  it('the keypress makes the doctor busy; the end of the call frees them, a late Dial action does not bind them again', async () => {
    await post('/twilio/voice', patient('CA-b1'));
    const dial = dialOf(
      await post(
        '/twilio/voice/menu?lang=fr&retries=0&attempt=0',
        patient('CA-b1', { Digits: '1' }),
      ),
    )!;
    const screen = await post(pathOf(dial.children[0]!.attrs.url!), { CallSid: 'CA-leg-b1' });
    await post(pathOf(screen.find((v) => v.name === 'Gather')!.attrs.action!), {
      CallSid: 'CA-leg-b1',
      Digits: '1',
    });
    // Bridged from the keypress on, before any Dial action: the next caller is offered to hold.
    await post('/twilio/voice', patient('CA-b2'));
    const busy = await post(
      '/twilio/voice/menu?lang=fr&retries=0&attempt=0',
      patient('CA-b2', { Digits: '1' }),
    );
    expect(spoken(busy)).toMatch(/en ligne avec un autre patient/);
    expect(dialOf(busy)).toBeUndefined();

    expect((await ended('CA-b1')).status).toBe(204);
    // Twilio posts the Dial action after the hang-up: the call is recorded connected, nobody busy.
    await post(pathOf(dial.attrs.action!), patient('CA-b1', { DialCallStatus: 'completed' }));
    expect(await recordOf('CA-b1')).toMatchObject({ outcome: 'connected' });
    await post('/twilio/voice', patient('CA-b3'));
    const free = await post(
      '/twilio/voice/menu?lang=fr&retries=0&attempt=0',
      patient('CA-b3', { Digits: '1' }),
    );
    expect(dialOf(free)!.children[0]!.text).toBe(dial.children[0]!.text);
  });
});
