import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTwilioEmulator, type TwilioEmulator } from '../src/index.js';
import { startFixtureApp, twiml, type FixtureApp } from './fixture-app.js';

const line = '+33900000002';
const patient = '+33611000001';

let emu: TwilioEmulator;
let app: FixtureApp;

beforeEach(async () => {
  emu = await startTwilioEmulator({ timeScale: 0.02 });
  app = await startFixtureApp(() => emu.authToken);
  emu.incomingNumber(line, { voiceUrl: `${app.url}/voice`, statusCallback: `${app.url}/status` });
});
afterEach(async () => {
  await emu.close();
  await app.close();
});

describe('Redirect, Hangup, Reject, Record', () => {
  it('Redirect fetches the next document; Hangup ends the call there', async () => {
    app.route('/voice', twiml('<Redirect method="POST">/step2</Redirect><Say>jamais</Say>'));
    app.route('/step2', twiml('<Say>Étape deux</Say><Hangup/><Say>jamais non plus</Say>'));
    const call = await emu.phone(patient).dial(line);
    await call.hears('Étape deux');
    expect(await call.ended()).toBe('completed');
    expect(call.transcript()).toEqual(['Étape deux']);
    expect(app.hitsTo('/step2')[0]!.signatureValid).toBe(true);
  });

  it('Reject leaves the call unanswered: busy with reason="busy"', async () => {
    app.route('/voice', twiml('<Reject reason="busy"/>'));
    const call = await emu.phone(patient).dial(line);
    expect(await call.ended()).toBe('busy');
    expect(call.snapshot().answeredAt).toBeNull();
  });

  it('Record records silence and posts a RecordingUrl', async () => {
    app.route('/voice', twiml('<Record action="/recorded" timeout="2" />'));
    app.route('/recorded', twiml('<Hangup/>'));
    const call = await emu.phone(patient).dial(line);
    await call.ended();
    expect(app.hitsTo('/recorded')[0]!.params).toMatchObject({
      RecordingUrl: expect.stringContaining(`${emu.url}/2010-04-01/Accounts/`),
      RecordingSid: expect.stringMatching(/^RE/),
    });
  });

  it('the caller hanging up ends the call mid-prompt', async () => {
    app.route(
      '/voice',
      twiml(
        '<Say>Un message très long que personne n écoutera jusqu au bout</Say><Pause length="60"/>',
      ),
    );
    const call = await emu.phone(patient).dial(line);
    await call.hears('message');
    expect(await call.hangup()).toBe('completed');
  });
});

describe('an outbound call', () => {
  it('sends status callbacks initiated → ringing → answered → completed, in sequence and signed', async () => {
    const doctor = emu.phone('+33699000001').behave({ answerAfterMs: 3000 });
    app.route('/outbound', twiml('<Say>Appel de la plateforme</Say>'));
    const res = await fetch(`${emu.url}/2010-04-01/Accounts/${emu.accountSid}/Calls.json`, {
      method: 'POST',
      headers: {
        Authorization: `Basic ${Buffer.from(`${emu.accountSid}:${emu.authToken}`).toString('base64')}`,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams([
        ['To', doctor.number],
        ['From', line],
        ['Url', `${app.url}/outbound`],
        ['StatusCallback', `${app.url}/call-status`],
        ['StatusCallbackEvent', 'initiated'],
        ['StatusCallbackEvent', 'ringing'],
        ['StatusCallbackEvent', 'answered'],
        ['StatusCallbackEvent', 'completed'],
      ]),
    });
    expect(res.status).toBe(201);
    const ring = await doctor.rings();
    await ring.hears('Appel de la plateforme');
    await ring.ended();
    await expect.poll(() => app.hitsTo('/call-status').length).toBe(4);
    const statuses = app
      .hitsTo('/call-status')
      .map((h) => [h.params.CallStatus, h.params.SequenceNumber]);
    expect(statuses).toEqual([
      ['initiated', '0'],
      ['ringing', '1'],
      ['in-progress', '2'],
      ['completed', '3'],
    ]);
    const completed = app.hitsTo('/call-status')[3]!;
    expect(completed.params).toMatchObject({
      Direction: 'outbound-api',
      CallSid: ring.sid,
      CallbackSource: 'call-progress-events',
    });
    expect(Number(completed.params.CallDuration)).toBeGreaterThanOrEqual(1);
    expect(completed.params.Timestamp).toMatch(/\+0000$/);
    expect(app.hitsTo('/call-status').every((h) => h.signatureValid)).toBe(true);
  });

  it('ends no-answer after Timeout, busy, or failed according to the phone', async () => {
    const statusOf = async (
      behaviour: Parameters<ReturnType<TwilioEmulator['phone']>['behave']>[0],
      number: string,
    ) => {
      emu.phone(number).behave(behaviour);
      const res = await fetch(`${emu.url}/2010-04-01/Accounts/${emu.accountSid}/Calls.json`, {
        method: 'POST',
        headers: {
          Authorization: `Basic ${Buffer.from(`${emu.accountSid}:${emu.authToken}`).toString('base64')}`,
        },
        body: new URLSearchParams({
          To: number,
          From: line,
          Url: `${app.url}/outbound`,
          Timeout: '10',
        }),
      });
      const { sid } = (await res.json()) as { sid: string };
      return expect.poll(() => emu.calls().find((c) => c.sid === sid)?.status);
    };
    await (await statusOf({ answer: 'never' }, '+33699000002')).toBe('no-answer');
    await (await statusOf({ answer: 'busy' }, '+33699000003')).toBe('busy');
    await (await statusOf({ answer: 'fail' }, '+33699000004')).toBe('failed');
  });
});
