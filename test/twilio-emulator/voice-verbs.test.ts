import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTwilioEmulator, type TwilioEmulator } from '../../scripts/twilio-emulator/index.js';
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

describe('an inbound call', () => {
  it("posts Twilio's parameters, signed, to the voice URL", async () => {
    app.route('/voice', twiml('<Say language="fr-FR" voice="Polly.Lea">Bonjour</Say>'));
    const call = await emu.phone(patient).dial(line);
    expect(await call.hears('bonjour')).toBe('Bonjour');
    expect(await call.ended()).toBe('completed');
    const hit = app.hitsTo('/voice')[0]!;
    expect(hit.signatureValid).toBe(true);
    expect(hit.params).toMatchObject({
      CallSid: call.sid, AccountSid: emu.accountSid, From: patient, To: line, CallStatus: 'ringing', Direction: 'inbound',
      ApiVersion: '2010-04-01', Caller: patient, Called: line, FromCountry: 'FR',
    });
    expect(call.snapshot().timeline.find((e) => e.kind === 'say')).toMatchObject({ language: 'fr-FR', voice: 'Polly.Lea' });
  });

  it('can hide the caller ID (From=anonymous)', async () => {
    app.route('/voice', twiml('<Hangup/>'));
    const call = await emu.phone(patient).dial(line, { callerId: 'anonymous' });
    await call.ended();
    expect(app.hitsTo('/voice')[0]!.params.From).toBe('anonymous');
  });

  it('plays Say, Play and Pause in order, the transcript keeps them, events stream them', async () => {
    const said: string[] = [];
    emu.on('say', (e) => said.push(e.text));
    app.route('/voice', twiml('<Say>Un</Say><Play>https://cdn.example/musique.mp3</Play><Pause length="2"/><Say loop="2">Deux</Say>'));
    const call = await emu.phone(patient).dial(line);
    await call.ended();
    expect(call.transcript()).toEqual(['Un', '[play] https://cdn.example/musique.mp3', 'Deux', 'Deux']);
    expect(said).toEqual(['Un', 'https://cdn.example/musique.mp3', 'Deux', 'Deux']);
    expect(emu.calls()[0]!.durationSeconds).toBeGreaterThanOrEqual(4);
  });

  it('explains a failed expectation with what was heard', async () => {
    app.route('/voice', twiml('<Say>Bienvenue</Say><Pause length="30"/>'));
    const call = await emu.phone(patient).dial(line);
    await expect(call.hears(/urgence vitale/, { timeoutMs: 150 })).rejects.toThrow(/expected to hear \/urgence vitale\/ within 150 ms.*heard since last match: \["Bienvenue"\]/);
  });

  it('reports the completed call to the number status callback', async () => {
    app.route('/voice', twiml('<Say>Au revoir</Say>'));
    const call = await emu.phone(patient).dial(line);
    await call.ended();
    await expect.poll(() => app.hitsTo('/status').length).toBe(1);
    expect(app.hitsTo('/status')[0]!.params).toMatchObject({ CallSid: call.sid, CallStatus: 'completed', SequenceNumber: '0' });
    expect(app.hitsTo('/status')[0]!.signatureValid).toBe(true);
  });
});

describe('Gather', () => {
  const menu = twiml(
    '<Gather numDigits="1" action="/menu" timeout="3"><Say>Urgence vitale, appuyez sur 1</Say><Say>Sinon, appuyez sur 2</Say></Gather><Say>Nous n avons rien entendu</Say>',
  );

  it('posts the digit to the action (relative to the document) and runs its TwiML', async () => {
    app.route('/voice', menu);
    app.route('/menu', (p) => twiml(`<Say>Vous avez choisi ${p.Digits}</Say>`));
    const call = await emu.phone(patient).dial(line);
    await call.hears(/urgence vitale/i);
    await call.press('2');
    await call.hears('Vous avez choisi 2');
    expect(app.hitsTo('/menu')[0]!.params).toMatchObject({ Digits: '2', CallSid: call.sid, CallStatus: 'in-progress' });
  });

  it('lets a key cut the prompt short (barge-in)', async () => {
    app.route('/voice', menu);
    app.route('/menu', twiml('<Say>Merci</Say>'));
    const call = await emu.phone(patient).dial(line);
    await call.hears(/urgence vitale/i);
    await call.press('1');
    await call.hears('Merci');
    expect(call.transcript()).not.toContain('Sinon, appuyez sur 2');
    expect(call.snapshot().timeline.find((e) => e.text.startsWith('Urgence'))?.interrupted).toBe(true);
  });

  it('collects numDigits, or up to finishOnKey', async () => {
    app.route('/voice', twiml('<Gather numDigits="4" action="/code"><Say>Votre code</Say></Gather>'));
    app.route('/code', twiml('<Gather action="/dept"><Say>Votre département puis dièse</Say></Gather>'));
    app.route('/dept', twiml('<Say>Merci</Say>'));
    const call = await emu.phone(patient).dial(line);
    await call.hears('Votre code');
    await call.press('1234');
    await call.hears('département');
    await call.press('69#');
    await call.hears('Merci');
    expect(app.hitsTo('/code')[0]!.params.Digits).toBe('1234');
    expect(app.hitsTo('/dept')[0]!.params).toMatchObject({ Digits: '69', FinishedOnKey: '#' });
  });

  it('falls through to the next verb when nothing is pressed', async () => {
    app.route('/voice', menu);
    const call = await emu.phone(patient).dial(line);
    await call.hears('Nous n avons rien entendu');
    expect(await call.ended()).toBe('completed');
    expect(app.hitsTo('/menu')).toHaveLength(0);
  });

  it('posts an empty result with actionOnEmptyResult', async () => {
    app.route('/voice', twiml('<Gather action="/menu" timeout="1" actionOnEmptyResult="true"><Say>Choix</Say></Gather>'));
    app.route('/menu', twiml('<Hangup/>'));
    const call = await emu.phone(patient).dial(line);
    await call.ended();
    expect(app.hitsTo('/menu')[0]!.params.Digits).toBe('');
  });

  it('drops keys pressed while no Gather listens, and says so', async () => {
    app.route('/voice', twiml('<Say>Bienvenue sur la ligne de garde des médecins</Say><Gather numDigits="1" action="/menu" timeout="1"><Say>Choix</Say></Gather>'));
    const call = await emu.phone(patient).dial(line);
    await call.hears('Bienvenue');
    await call.press('1');
    await call.ended();
    expect(app.hitsTo('/menu')).toHaveLength(0);
    expect(call.snapshot().timeline.some((e) => e.kind === 'press' && e.text.includes('dropped'))).toBe(true);
  });

  it('presses automatically for a phone with autoPress', async () => {
    emu.phone(patient).behave({ autoPress: '1' });
    app.route('/voice', menu);
    app.route('/menu', twiml('<Say>Merci</Say>'));
    const call = await emu.phone(patient).dial(line);
    await call.hears('Merci');
    expect(app.hitsTo('/menu')[0]!.params.Digits).toBe('1');
  });
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
    expect(app.hitsTo('/recorded')[0]!.params).toMatchObject({ RecordingUrl: expect.stringContaining(`${emu.url}/2010-04-01/Accounts/`), RecordingSid: expect.stringMatching(/^RE/) });
  });

  it('the caller hanging up ends the call mid-prompt', async () => {
    app.route('/voice', twiml('<Say>Un message très long que personne n écoutera jusqu au bout</Say><Pause length="60"/>'));
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
      headers: { Authorization: `Basic ${Buffer.from(`${emu.accountSid}:${emu.authToken}`).toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams([
        ['To', doctor.number], ['From', line], ['Url', `${app.url}/outbound`], ['StatusCallback', `${app.url}/call-status`],
        ['StatusCallbackEvent', 'initiated'], ['StatusCallbackEvent', 'ringing'], ['StatusCallbackEvent', 'answered'], ['StatusCallbackEvent', 'completed'],
      ]),
    });
    expect(res.status).toBe(201);
    const ring = await doctor.rings();
    await ring.hears('Appel de la plateforme');
    await ring.ended();
    await expect.poll(() => app.hitsTo('/call-status').length).toBe(4);
    const statuses = app.hitsTo('/call-status').map((h) => [h.params.CallStatus, h.params.SequenceNumber]);
    expect(statuses).toEqual([['initiated', '0'], ['ringing', '1'], ['in-progress', '2'], ['completed', '3']]);
    const completed = app.hitsTo('/call-status')[3]!;
    expect(completed.params).toMatchObject({ Direction: 'outbound-api', CallSid: ring.sid, CallbackSource: 'call-progress-events' });
    expect(Number(completed.params.CallDuration)).toBeGreaterThanOrEqual(1);
    expect(completed.params.Timestamp).toMatch(/\+0000$/);
    expect(app.hitsTo('/call-status').every((h) => h.signatureValid)).toBe(true);
  });

  it('ends no-answer after Timeout, busy, or failed according to the phone', async () => {
    const statusOf = async (behaviour: Parameters<ReturnType<TwilioEmulator['phone']>['behave']>[0], number: string) => {
      emu.phone(number).behave(behaviour);
      const res = await fetch(`${emu.url}/2010-04-01/Accounts/${emu.accountSid}/Calls.json`, {
        method: 'POST',
        headers: { Authorization: `Basic ${Buffer.from(`${emu.accountSid}:${emu.authToken}`).toString('base64')}` },
        body: new URLSearchParams({ To: number, From: line, Url: `${app.url}/outbound`, Timeout: '10' }),
      });
      const { sid } = (await res.json()) as { sid: string };
      return expect.poll(() => emu.calls().find((c) => c.sid === sid)?.status);
    };
    await (await statusOf({ answer: 'never' }, '+33699000002')).toBe('no-answer');
    await (await statusOf({ answer: 'busy' }, '+33699000003')).toBe('busy');
    await (await statusOf({ answer: 'fail' }, '+33699000004')).toBe('failed');
  });
});
