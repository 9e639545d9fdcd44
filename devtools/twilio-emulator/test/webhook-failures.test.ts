import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTwilioEmulator, type TwilioEmulator } from '../src/index.js';
import { startFixtureApp, twiml, type FixtureApp, type Reply } from './fixture-app.js';

const withFallback = '+33900000004';
const withoutFallback = '+33900000005';
const patient = '+33611000003';

let emu: TwilioEmulator;
let app: FixtureApp;

beforeEach(async () => {
  emu = await startTwilioEmulator({ timeScale: 0.02, webhookTimeoutMs: 200 });
  app = await startFixtureApp(() => emu.authToken);
  emu.incomingNumber(withFallback, {
    voiceUrl: `${app.url}/voice`,
    voiceFallbackUrl: `${app.url}/fallback`,
  });
  emu.incomingNumber(withoutFallback, { voiceUrl: `${app.url}/voice` });
  app.route('/fallback', twiml('<Say>Service momentanément indisponible</Say>'));
});
afterEach(async () => {
  await emu.close();
  await app.close();
});

const failures: Array<[string, Reply, number]> = [
  ['a 500', { status: 500, body: 'boom' }, 11200],
  [
    'a reply slower than webhookTimeoutMs',
    { delayMs: 600, body: twiml('<Say>trop tard</Say>') },
    11200,
  ],
  [
    'a body that is not XML (JSON content type)',
    { contentType: 'application/json', body: '{"say":"bonjour"}' },
    12300,
  ],
  ['XML that does not parse', { body: '<Response><Say>oops</Response>' }, 12100],
  ['invalid TwiML (unknown verb)', { body: twiml('<Speak>bonjour</Speak>') }, 12100],
  [
    'invalid TwiML (Dial inside Gather)',
    { body: twiml('<Gather><Dial>+33600000000</Dial></Gather>') },
    12100,
  ],
  ['invalid TwiML (root is not Response)', { body: '<Reply><Say>x</Say></Reply>' }, 12100],
];

describe('the fallback URL', () => {
  it.each(failures)(
    'is requested after %s, with ErrorCode and ErrorUrl',
    async (_label, reply, code) => {
      app.route('/voice', () => reply);
      const call = await emu.phone(patient).dial(withFallback);
      await call.hears('Service momentanément indisponible');
      const fallback = app.hitsTo('/fallback')[0]!;
      expect(fallback.params).toMatchObject({
        ErrorCode: String(code),
        ErrorUrl: `${app.url}/voice`,
        CallSid: call.sid,
        From: patient,
      });
      expect(fallback.signatureValid).toBe(true);
      expect(emu.errors()[0]).toMatchObject({ code, url: `${app.url}/voice`, callSid: call.sid });
    },
  );

  it('also covers action URLs later in the call', async () => {
    app.route('/voice', twiml('<Redirect>/broken</Redirect>'));
    app.route('/broken', () => ({ status: 404 }));
    const call = await emu.phone(patient).dial(withFallback);
    await call.hears('Service momentanément indisponible');
    expect(app.hitsTo('/fallback')[0]!.params.ErrorUrl).toBe(`${app.url}/broken`);
  });
});

describe('without a fallback', () => {
  it('the caller hears the application error message and the call ends', async () => {
    app.route('/voice', () => ({ status: 503 }));
    const call = await emu.phone(patient).dial(withoutFallback);
    await call.hears(/application error has occurred/);
    expect(await call.ended()).toBe('completed');
    expect(emu.errors()).toHaveLength(1);
    expect(emu.errors()[0]!.code).toBe(11200);
  });

  it('a failing fallback also ends in the application error message, both errors recorded', async () => {
    app.route('/voice', () => ({ status: 500 }));
    app.route('/fallback', () => ({ body: 'not xml at all', contentType: 'text/plain' }));
    const call = await emu.phone(patient).dial(withFallback);
    await call.hears(/application error/);
    expect(emu.errors().map((e) => e.code)).toEqual([11200, 12300]);
  });

  it('an unreachable app is 11200', async () => {
    emu.incomingNumber('+33900000006', { voiceUrl: 'http://127.0.0.1:9/voice' });
    const call = await emu.phone(patient).dial('+33900000006');
    await call.hears(/application error/);
    expect(emu.errors()[0]).toMatchObject({ code: 11200, url: 'http://127.0.0.1:9/voice' });
  });
});
