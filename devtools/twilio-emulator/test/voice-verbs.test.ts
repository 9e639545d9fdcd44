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

describe('an inbound call', () => {
  it("posts Twilio's parameters, signed, to the voice URL", async () => {
    app.route('/voice', twiml('<Say language="fr-FR" voice="Polly.Lea">Bonjour</Say>'));
    const call = await emu.phone(patient).dial(line);
    expect(await call.hears('bonjour')).toBe('Bonjour');
    expect(await call.ended()).toBe('completed');
    const hit = app.hitsTo('/voice')[0]!;
    expect(hit.signatureValid).toBe(true);
    expect(hit.params).toMatchObject({
      CallSid: call.sid,
      AccountSid: emu.accountSid,
      From: patient,
      To: line,
      CallStatus: 'ringing',
      Direction: 'inbound',
      ApiVersion: '2010-04-01',
      Caller: patient,
      Called: line,
      FromCountry: 'FR',
    });
    expect(call.snapshot().timeline.find((e) => e.kind === 'say')).toMatchObject({
      language: 'fr-FR',
      voice: 'Polly.Lea',
    });
  });

  it('signs GET webhooks over the URL with its query string', async () => {
    emu.incomingNumber('+33900000010', {
      voiceUrl: `${app.url}/voice-get?line=2`,
      voiceMethod: 'GET',
    });
    app.route('/voice-get', twiml('<Hangup/>'));
    const call = await emu.phone(patient).dial('+33900000010');
    await call.ended();
    const hit = app.hitsTo('/voice-get')[0]!;
    expect(hit).toMatchObject({ method: 'GET', signatureValid: true });
    expect(hit.params).toMatchObject({ line: '2', CallSid: call.sid });
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
    app.route(
      '/voice',
      twiml(
        '<Say>Un</Say><Play>https://cdn.example/musique.mp3</Play><Pause length="2"/><Say loop="2">Deux</Say>',
      ),
    );
    const call = await emu.phone(patient).dial(line);
    await call.ended();
    expect(call.transcript()).toEqual([
      'Un',
      '[play] https://cdn.example/musique.mp3',
      'Deux',
      'Deux',
    ]);
    expect(said).toEqual(['Un', 'https://cdn.example/musique.mp3', 'Deux', 'Deux']);
    expect(emu.calls()[0]!.durationSeconds).toBeGreaterThanOrEqual(4);
  });

  it('explains a failed expectation with what was heard', async () => {
    app.route('/voice', twiml('<Say>Bienvenue</Say><Pause length="30"/>'));
    const call = await emu.phone(patient).dial(line);
    await expect(call.hears(/urgence vitale/, { timeoutMs: 150 })).rejects.toThrow(
      /expected to hear \/urgence vitale\/ within 150 ms.*heard since last match: \["Bienvenue"\]/,
    );
  });

  it('reports the completed call to the number status callback', async () => {
    app.route('/voice', twiml('<Say>Au revoir</Say>'));
    const call = await emu.phone(patient).dial(line);
    await call.ended();
    await expect.poll(() => app.hitsTo('/status').length).toBe(1);
    expect(app.hitsTo('/status')[0]!.params).toMatchObject({
      CallSid: call.sid,
      CallStatus: 'completed',
      SequenceNumber: '0',
    });
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
    expect(app.hitsTo('/menu')[0]!.params).toMatchObject({
      Digits: '2',
      CallSid: call.sid,
      CallStatus: 'in-progress',
    });
  });

  it('lets a key cut the prompt short (barge-in)', async () => {
    app.route('/voice', menu);
    app.route('/menu', twiml('<Say>Merci</Say>'));
    const call = await emu.phone(patient).dial(line);
    await call.hears(/urgence vitale/i);
    await call.press('1');
    await call.hears('Merci');
    expect(call.transcript()).not.toContain('Sinon, appuyez sur 2');
    expect(call.snapshot().timeline.find((e) => e.text.startsWith('Urgence'))?.interrupted).toBe(
      true,
    );
  });

  it('collects numDigits, or up to finishOnKey', async () => {
    app.route(
      '/voice',
      twiml('<Gather numDigits="4" action="/code"><Say>Votre code</Say></Gather>'),
    );
    app.route(
      '/code',
      twiml('<Gather action="/dept"><Say>Votre département puis dièse</Say></Gather>'),
    );
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
    app.route(
      '/voice',
      twiml(
        '<Gather action="/menu" timeout="1" actionOnEmptyResult="true"><Say>Choix</Say></Gather>',
      ),
    );
    app.route('/menu', twiml('<Hangup/>'));
    const call = await emu.phone(patient).dial(line);
    await call.ended();
    expect(app.hitsTo('/menu')[0]!.params.Digits).toBe('');
  });

  it('drops keys pressed while no Gather listens, and says so', async () => {
    app.route(
      '/voice',
      twiml(
        '<Say>Bienvenue sur la ligne de garde des médecins</Say><Gather numDigits="1" action="/menu" timeout="1"><Say>Choix</Say></Gather>',
      ),
    );
    const call = await emu.phone(patient).dial(line);
    await call.hears('Bienvenue');
    await call.press('1');
    await call.ended();
    expect(app.hitsTo('/menu')).toHaveLength(0);
    expect(
      call.snapshot().timeline.some((e) => e.kind === 'press' && e.text.includes('dropped')),
    ).toBe(true);
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
