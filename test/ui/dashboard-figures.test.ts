import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTwilioEmulator, type TwilioEmulator } from '@gardeline/twilio-emulator';
import { seedDemo } from '../../db/seed/seed-demo.js';
import { callbackRequests, callRecords } from '../../db/schema/index.js';
import { callbackDone } from '../../server/callbacks/attempt-store.js';
import { markCallbackFailed } from '../../server/callbacks/store.js';
import { createTwilioClient } from '../../server/twilio/client.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { parseTwiml, signedPost, type Verb } from '../support/twilio-post.js';
import { webLogin, type WebSession } from '../support/web-session.js';

/*
 * One night on the real line: calls driven through the signed webhooks (the clock pinned at each
 * step, as Twilio would post them), callbacks closed by the callback room's own writes, then the
 * dashboard, the call log's "permanence" filter and a call's path in French, read as a
 * coordinator would. Tuesday 24 November 2026, 22:00 in Paris (21:00Z): PDSA hours.
 */
// Plain http: the session cookies of an https public URL are Secure, which supertest does not send back.
const publicUrl = 'http://garde.test';
const line = '+33261910015';
const permanence = '+33261910099';
let t: TestApp;
let manager: WebSession;
let admin: WebSession;

const at = (iso: string, seconds: number) => new Date(Date.parse(iso) + seconds * 1000);
const pathOf = (url: string) => url.replace(publicUrl, '');

/** One patient call, each webhook posted at its instant (seconds after the call's start). */
function patient(sid: string, from: string, start: string) {
  const params = (extra: Record<string, string> = {}) => ({
    CallSid: sid,
    From: from,
    To: line,
    CallStatus: 'in-progress',
    ...extra,
  });
  const post = async (s: number, path: string, body: Record<string, string>) => {
    t.setNow(at(start, s));
    const res = await signedPost(t.app, publicUrl, t.deps.config.TWILIO_AUTH_TOKEN, path, body);
    expect(res.status, path).toBeLessThan(300);
    return res.text ? parseTwiml(res.text) : [];
  };
  let menuAction = '';
  return {
    async greet() {
      const verbs = await post(0, '/twilio/voice', params());
      menuAction = pathOf(verbs.find((v) => v.name === 'Gather')!.attrs.action!);
    },
    menu: (s: number, digits: string) => post(s, menuAction, params({ Digits: digits })),
    /** The rung phone answers its screening leg and presses 1 at `s`. */
    async accept(dial: Verb, s: number) {
      const number = dial.children[0]!;
      const leg = { CallSid: `${sid}leg`, From: line, To: number.text };
      const screen = await post(s - 5, pathOf(number.attrs.url!), leg);
      const gather = screen.find((v) => v.name === 'Gather')!;
      await post(s, pathOf(gather.attrs.action!), { ...leg, Digits: '1' });
    },
    dialResult: (dial: Verb, s: number, status: string, duration?: number) =>
      post(
        s,
        pathOf(dial.attrs.action!),
        params({
          DialCallStatus: status,
          ...(duration === undefined ? {} : { DialCallDuration: String(duration) }),
        }),
      ),
    end: (s: number) =>
      post(s, '/twilio/status', params({ CallStatus: 'completed', CallDuration: String(s) })),
  };
}
const dialOf = (verbs: Verb[]) => verbs.find((v) => v.name === 'Dial')!;

async function callbackOf(sid: string) {
  const [row] = await t.db.db
    .select()
    .from(callbackRequests)
    .where(eq(callbackRequests.callSid, sid));
  return row!;
}

beforeAll(async () => {
  const night = new Date('2026-11-24T21:00:00Z');
  t = await createTestApp({ publicUrl, now: night });
  await seedDemo(t.db.db, night);
  manager = await webLogin(t.app, 'coordination@cpts-auray.local');
  admin = await webLogin(t.app, 'admin@gardeline.local');

  // A doctor presses 1 thirty seconds after the caller chose "1"; they talk for six minutes.
  const a = patient('CAfigdoctor', '+33612340001', '2026-11-24T21:00:00Z');
  await a.greet();
  const ringA = dialOf(await a.menu(20, '1'));
  await a.accept(ringA, 50);
  await a.dialResult(ringA, 410, 'completed', 365);
  await a.end(415);

  // Nobody on the rota answers; the permanence presses 1, 47 s after the choice.
  const b = patient('CAfigpermanence', '+33612340002', '2026-11-24T21:30:00Z');
  await b.greet();
  const first = dialOf(await b.menu(15, '1'));
  const backup = dialOf(await b.dialResult(first, 35, 'no-answer'));
  const fallback = dialOf(await b.dialResult(backup, 55, 'no-answer'));
  expect(fallback.children[0]!.text).toBe(permanence);
  await b.accept(fallback, 62);
  await b.dialResult(fallback, 300, 'completed', 240);
  await b.end(305);

  // Chose the doctor, hung up while it rang.
  const c = patient('CAfigabandoned', '+33612340003', '2026-11-24T22:00:00Z');
  await c.greet();
  await c.menu(10, '1');
  await c.end(18);

  // Three callback requests (menu 3): done in time, done late, not done.
  const starts = ['2026-11-24T22:30:00Z', '2026-11-24T23:00:00Z', '2026-11-24T23:30:00Z'];
  for (const [i, start] of starts.entries()) {
    const p = patient(`CAfigcallback${i}`, `+3361234001${i}`, start);
    await p.greet();
    await p.menu(12, '3');
    await p.end(20);
  }
  const [inTime, late, notDone] = await Promise.all(
    starts.map((_, i) => callbackOf(`CAfigcallback${i}`)),
  );
  const ref = (id: string) => ({ callback: id, round: 1, contact: 0 });
  await callbackDone(t.db.db, ref(inTime!.id), at(inTime!.createdAt.toISOString(), 600));
  await callbackDone(t.db.db, ref(late!.id), at(late!.dueBy.toISOString(), 1800));
  await markCallbackFailed(
    t.db.db,
    notDone!.id,
    'nobody_answered',
    at(notDone!.dueBy.toISOString(), 60),
  );

  // The next morning, 08:30 in Paris.
  t.setNow(new Date('2026-11-25T07:30:00Z'));
});
afterAll(() => t.close());

describe('what the line recorded', () => {
  it('the permanence is the permanence; the doctor’s answer is their keypress', async () => {
    const rows = await t.db.db.select().from(callRecords);
    const bySid = new Map(rows.map((r) => [r.callSid, r]));
    expect(bySid.get('CAfigdoctor')).toMatchObject({
      outcome: 'connected',
      connectedAt: new Date('2026-11-24T21:00:50Z'),
    });
    expect(bySid.get('CAfigpermanence')).toMatchObject({
      outcome: 'fallback',
      connectedProfessionalId: null,
      connectedAt: new Date('2026-11-24T21:31:02Z'),
    });
    expect(bySid.get('CAfigabandoned')!.outcome).toBe('abandoned');
  });
});

describe('the dashboard the next morning', () => {
  const figure = (text: string, night: string, name: string) =>
    new RegExp(`<tr data-night="${night}">.*?data-figure="${name}">([^<]*)<`, 's').exec(text)?.[1];

  it('shows the night’s figures: calls, doctor, permanence, callbacks, waits, abandons', async () => {
    const res = await manager.agent.get('/');
    expect(res.status).toBe(200);
    const night = '2026-11-24';
    const expected: Record<string, string> = {
      calls: '6',
      doctor: '1',
      fallback: '1',
      'callbacks-in-time': '1',
      'callbacks-late': '1',
      'callbacks-not-done': '1',
      // Waits 30 s and 47 s (nearest rank): the median is 30 s, not the end of a conversation.
      'median-wait': '30 s',
      'p90-wait': '47 s',
      abandoned: '1',
    };
    for (const [name, value] of Object.entries(expected))
      expect(figure(res.text, night, name), name).toBe(value);
    expect(res.text).toContain('data-testid="median-wait">30 s');
    expect(res.text).toContain('data-testid="p90-wait">47 s');
    expect(res.text).toMatch(
      /data-testid="reached-doctor">1<\/strong> pris par un médecin sur 6 demande/,
    );
    expect(res.text).toContain('data-testid="reached-fallback">1</strong>');
    // One call in six that sought a person reached a doctor: 17 %, not 100 %.
    expect(res.text).toMatch(/<th scope="row">2026-11-24<\/th><td>17 %<\/td>/);
  });
});

describe('the call log', () => {
  const sids = (text: string) =>
    [...text.matchAll(/href="\/calls\/(CAfig[^"]+)"/g)].map((m) => m[1]).sort();

  it('its "permanence" filter finds the call the permanence took, and only it', async () => {
    const page = await manager.agent.get('/calls');
    expect(page.text).toMatch(/<option value="fallback" >permanence<\/option>/);
    expect(sids((await manager.agent.get('/calls?outcome=fallback')).text)).toEqual([
      'CAfigpermanence',
    ]);
    expect(sids((await manager.agent.get('/calls?outcome=connected')).text)).toEqual([
      'CAfigdoctor',
    ]);
    const api = await manager.agent.get('/api/calls?outcome=fallback');
    expect(api.body.calls.map((c: { callSid: string }) => c.callSid)).toEqual(['CAfigpermanence']);
  });

  it('tells a call’s path in French sentences, without internal codes', async () => {
    const res = await manager.agent.get('/calls/CAfigpermanence');
    const path = [...res.text.matchAll(/<li>(\d\d:\d\d [^<]*)<\/li>/g)].map((m) => m[1]);
    expect(path).toEqual([
      '22:30 appel reçu, message d’accueil',
      '22:30 demande à parler au médecin de garde',
      expect.stringMatching(/^22:30 appel du Dr [^,]+, pas de réponse$/),
      expect.stringMatching(/^22:30 appel du Dr [^,]+ \(renfort\), pas de réponse$/),
      '22:30 ligne de permanence, décroché, accepté par appui sur 1',
      '22:35 fin de l’appel (5 min 05 s)',
    ]);
    expect(res.text).toContain('data-testid="outcome">permanence<');
    expect(res.text).not.toMatch(/route_fallback|not_accepted|niveau 99|no-answer/);
    const api = await manager.agent.get('/api/calls/CAfigpermanence');
    expect(api.body.path.map((p: { sentence: string }) => p.sentence)).toContain(
      '22:30 ligne de permanence, décroché, accepté par appui sur 1',
    );
  });
});

describe('the Démo page', () => {
  let emulator: TwilioEmulator;
  beforeAll(async () => {
    emulator = await startTwilioEmulator({
      timeScale: 0.02,
      accountSid: t.deps.config.TWILIO_ACCOUNT_SID,
      authToken: t.deps.config.TWILIO_AUTH_TOKEN,
    });
  });
  afterAll(() => emulator.close());

  it('shows the emulator’s statuses in French', async () => {
    t.deps.emulatorUrl = emulator.url;
    emulator.incomingNumber(line, { voiceUrl: `${publicUrl}/twilio/voice` });
    const twilio = createTwilioClient(
      t.deps.config.TWILIO_ACCOUNT_SID,
      t.deps.config.TWILIO_AUTH_TOKEN,
      emulator.url,
    );
    await twilio.messages.create({ from: line, to: '+33612340099', body: 'Essai' });
    await expect.poll(() => emulator.messages({ to: '+33612340099' })[0]?.status).toBe('delivered');
    const res = await admin.agent.get('/demo');
    expect(res.status).toBe(200);
    expect(res.text).toContain('SMS (1)');
    expect(res.text).toMatch(/<td>Essai<\/td><td>remis<\/td>/);
    expect(res.text).not.toMatch(/<td>(delivered|queued|sent|completed)<\/td>/);
  });
});
