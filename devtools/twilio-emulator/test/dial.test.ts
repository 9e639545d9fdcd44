import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTwilioEmulator, type TwilioEmulator } from '../src/index.js';
import { startFixtureApp, twiml, type FixtureApp } from './fixture-app.js';

const territoryNumber = '+33900000003';
const patient = '+33611000002';
const doctorNumber = '+33622000002';

let emu: TwilioEmulator;
let app: FixtureApp;
/** The app's own record that the doctor accepted, set by the screening step (twilio.md). */
let accepted: boolean;

beforeEach(async () => {
  emu = await startTwilioEmulator({ timeScale: 0.02 });
  app = await startFixtureApp(() => emu.authToken);
  emu.incomingNumber(territoryNumber, { voiceUrl: `${app.url}/voice` });
  accepted = false;
  app.route(
    '/voice',
    twiml(
      '<Gather numDigits="1" action="/choice"><Say language="fr-FR">En cas d urgence vitale, raccrochez et appelez le 15. Pour parler au médecin de garde, appuyez sur 1.</Say></Gather>',
    ),
  );
  app.route(
    '/choice',
    twiml(
      `<Say>Nous recherchons le médecin de garde</Say><Dial answerOnBridge="true" timeout="20" action="/dial-result"><Number url="/screen">${doctorNumber}</Number></Dial>`,
    ),
  );
  app.route(
    '/screen',
    twiml(
      '<Gather numDigits="1" action="/screen-choice" timeout="5"><Say>Appel de la plateforme de garde, appuyez sur 1 pour accepter</Say></Gather><Hangup/>',
    ),
  );
  app.route('/screen-choice', (p) => {
    if (p.Digits !== '1') return twiml('<Hangup/>');
    accepted = true;
    return twiml('');
  });
  app.route('/dial-result', (p) =>
    p.DialCallStatus === 'completed' && accepted
      ? twiml('<Say>Merci, au revoir</Say>')
      : twiml('<Say>Le médecin n est pas disponible</Say><Hangup/>'),
  );
});
afterEach(async () => {
  await emu.close();
  await app.close();
});

describe('Dial with a screened Number', () => {
  it('connects the patient to the doctor who presses 1, then continues after the bridge', async () => {
    const doctor = emu.phone(doctorNumber);
    const call = await emu.phone(patient).dial(territoryNumber);
    await call.hears(/urgence vitale/);
    await call.press('1');
    const ring = await doctor.rings();
    await ring.answer();
    await ring.hears(/appuyez sur 1/);
    await ring.press('1');
    await call.isConnectedTo(doctor);
    expect(ring.connectedTo()).toBe(patient);
    await ring.hangup();
    await call.hears('Merci, au revoir');
    expect(await call.ended()).toBe('completed');
    expect(call.transcript()).toEqual([
      'En cas d urgence vitale, raccrochez et appelez le 15. Pour parler au médecin de garde, appuyez sur 1.',
      'Nous recherchons le médecin de garde',
      'Merci, au revoir',
    ]);
    const result = app.hitsTo('/dial-result')[0]!.params;
    expect(result).toMatchObject({
      DialCallStatus: 'completed',
      DialCallSid: ring.sid,
      CallSid: call.sid,
    });
    expect(Number(result.DialCallDuration)).toBeGreaterThanOrEqual(0);
    const screen = app.hitsTo('/screen')[0]!.params;
    expect(screen).toMatchObject({
      CallSid: ring.sid,
      ParentCallSid: call.sid,
      Direction: 'outbound-dial',
      From: patient,
      To: doctorNumber,
    });
    expect(emu.calls().find((c) => c.sid === call.sid)?.legs).toEqual([ring.sid]);
  });

  it('a patient hanging up ends the doctor leg too; the action is still requested', async () => {
    const doctor = emu.phone(doctorNumber).behave({ answerAfterMs: 500, autoPress: '1' });
    const call = await emu.phone(patient).dial(territoryNumber);
    await call.hears(/urgence vitale/);
    await call.press('1');
    await call.isConnectedTo(doctor);
    await call.hangup();
    const [leg] = doctor.calls();
    await expect.poll(() => emu.calls().find((c) => c.sid === leg!.sid)?.status).toBe('completed');
    await expect.poll(() => app.hitsTo('/dial-result').length).toBe(1);
  });

  it('voicemail answers but never presses: the Dial reports completed, the app knows it was not accepted', async () => {
    emu.phone(doctorNumber).behave({ answer: 'voicemail', answerAfterMs: 1000 });
    const call = await emu.phone(patient).dial(territoryNumber);
    await call.hears(/urgence vitale/);
    await call.press('1');
    await call.hears('Le médecin n est pas disponible');
    expect(app.hitsTo('/dial-result')[0]!.params.DialCallStatus).toBe('completed');
    expect(accepted).toBe(false);
    expect(app.hitsTo('/screen-choice')).toHaveLength(0);
  });

  it('a doctor pressing another key is hung up and the Dial does not bridge', async () => {
    emu.phone(doctorNumber).behave({ answerAfterMs: 200, autoPress: '9' });
    const call = await emu.phone(patient).dial(territoryNumber);
    await call.hears(/urgence vitale/);
    await call.press('1');
    await call.hears('Le médecin n est pas disponible');
    expect(call.snapshot().timeline.some((e) => e.text.startsWith('connected'))).toBe(false);
  });

  it('no answer within the Dial timeout → no-answer', async () => {
    emu.phone(doctorNumber).behave({ answer: 'never' });
    const call = await emu.phone(patient).dial(territoryNumber);
    await call.hears(/urgence vitale/);
    await call.press('1');
    await call.hears('Le médecin n est pas disponible');
    expect(app.hitsTo('/dial-result')[0]!.params.DialCallStatus).toBe('no-answer');
  });

  it('a busy doctor → busy', async () => {
    emu.phone(doctorNumber).behave({ answer: 'busy' });
    const call = await emu.phone(patient).dial(territoryNumber);
    await call.hears(/urgence vitale/);
    await call.press('1');
    await call.hears('Le médecin n est pas disponible');
    expect(app.hitsTo('/dial-result')[0]!.params.DialCallStatus).toBe('busy');
  });

  it('a phone without call waiting takes one patient: a second Dial to it while it is on a call gets busy', async () => {
    app.route('/choice', twiml(`<Dial timeout="5" action="/dial-result">${doctorNumber}</Dial>`));
    app.route('/dial-result', twiml('<Say>Le médecin n est pas disponible</Say>'));
    emu.phone(doctorNumber).behave({ answer: 'auto', answerAfterMs: 500, oneCallAtATime: true });
    const first = await emu.phone(patient).dial(territoryNumber);
    await first.hears(/urgence vitale/);
    await first.press('1');
    await expect.poll(() => first.connectedTo()).toBe(doctorNumber);
    const second = await emu.phone('+33611000003').dial(territoryNumber);
    await second.hears(/urgence vitale/);
    await second.press('1');
    await second.hears('Le médecin n est pas disponible');
    expect(app.hitsTo('/dial-result').at(-1)!.params.DialCallStatus).toBe('busy');
    expect(first.connectedTo()).toBe(doctorNumber);
  });

  it('without action, the call continues with the next verb', async () => {
    app.route('/choice', twiml(`<Dial timeout="5">${doctorNumber}</Dial><Say>Après le Dial</Say>`));
    emu.phone(doctorNumber).behave({ answer: 'never' });
    const call = await emu.phone(patient).dial(territoryNumber);
    await call.hears(/urgence vitale/);
    await call.press('1');
    await call.hears('Après le Dial');
  });

  it('refuses a Dial inside screening TwiML (12100)', async () => {
    app.route('/screen', twiml('<Dial>+33633000000</Dial>'));
    emu.phone(doctorNumber).behave({ answerAfterMs: 100 });
    const call = await emu.phone(patient).dial(territoryNumber);
    await call.hears(/urgence vitale/);
    await call.press('1');
    await call.hears('Le médecin n est pas disponible');
    expect(emu.errors()[0]).toMatchObject({ code: 12100, url: `${app.url}/screen` });
  });
});

describe('Enqueue and Dial Queue', () => {
  it('holds the caller with the waitUrl music until an agent dequeues them', async () => {
    app.route(
      '/voice',
      twiml(
        '<Say>Veuillez patienter</Say><Enqueue waitUrl="/wait" action="/left-queue">regulation</Enqueue>',
      ),
    );
    app.route('/wait', (p) =>
      twiml(
        `<Say>Vous êtes en position ${p.QueuePosition}</Say><Play>https://cdn.example/attente.mp3</Play>`,
      ),
    );
    app.route('/left-queue', (p) => twiml(`<Say>Sortie de file ${p.QueueResult}</Say>`));
    app.route('/agent', twiml('<Dial action="/agent-done"><Queue>regulation</Queue></Dial>'));
    app.route('/agent-done', twiml('<Say>Fin de la régulation</Say>'));
    emu.incomingNumber('+33900000099', { voiceUrl: `${app.url}/agent` });
    const call = await emu.phone(patient).dial(territoryNumber);
    await call.hears('en position 1');
    const agent = await emu.phone(doctorNumber).dial('+33900000099');
    await call.isConnectedTo(doctorNumber);
    await agent.isConnectedTo(patient);
    await agent.hangup();
    await call.hears('Sortie de file bridged');
    expect(app.hitsTo('/wait')[0]!.params).toMatchObject({
      QueuePosition: '1',
      CurrentQueueSize: '1',
      QueueSid: expect.stringMatching(/^QU/),
    });
    expect(app.hitsTo('/left-queue')[0]!.params.QueueResult).toBe('bridged');
  });

  it('Queue url: announces the dequeue to the caller, naming both calls, then bridges', async () => {
    app.route('/voice', twiml('<Enqueue waitUrl="/wait">regulation</Enqueue>'));
    app.route('/wait', twiml('<Say>Veuillez patienter</Say><Pause length="5"/>'));
    app.route(
      '/agent',
      twiml('<Dial><Queue url="/dequeued" method="POST">regulation</Queue></Dial>'),
    );
    app.route('/dequeued', twiml('<Say>Mise en relation avec le médecin</Say>'));
    emu.incomingNumber('+33900000099', { voiceUrl: `${app.url}/agent` });
    const call = await emu.phone(patient).dial(territoryNumber);
    await call.hears('Veuillez patienter');
    const agent = await emu.phone(doctorNumber).dial('+33900000099');
    await call.hears('Mise en relation avec le médecin');
    await call.isConnectedTo(doctorNumber);
    const hit = app.hitsTo('/dequeued')[0]!;
    expect(hit.params).toMatchObject({
      CallSid: call.sid,
      DequeingCallSid: agent.sid,
      QueueSid: expect.stringMatching(/^QU/),
      QueueTime: expect.stringMatching(/^\d+$/),
    });
    expect(hit.signatureValid).toBe(true);
    await agent.hangup();
  });

  it('Queue url: a document with a verb Twilio forbids there is an error, and still bridges', async () => {
    app.route('/voice', twiml('<Enqueue waitUrl="/wait">regulation</Enqueue>'));
    app.route('/wait', twiml('<Say>Veuillez patienter</Say><Pause length="5"/>'));
    app.route('/agent', twiml('<Dial><Queue url="/dequeued">regulation</Queue></Dial>'));
    app.route('/dequeued', twiml('<Gather numDigits="1"><Say>Appuyez</Say></Gather>'));
    emu.incomingNumber('+33900000099', { voiceUrl: `${app.url}/agent` });
    const call = await emu.phone(patient).dial(territoryNumber);
    await call.hears('Veuillez patienter');
    const agent = await emu.phone(doctorNumber).dial('+33900000099');
    await call.isConnectedTo(doctorNumber);
    expect(emu.errors()[0]).toMatchObject({ code: 12100, url: `${app.url}/dequeued` });
    await agent.hangup();
  });

  it('Dial Queue on an empty queue gives up after its timeout', async () => {
    app.route('/voice', twiml('<Dial timeout="2" action="/agent-done"><Queue>vide</Queue></Dial>'));
    app.route('/agent-done', (p) => twiml(`<Say>${p.DialCallStatus}</Say>`));
    const call = await emu.phone(doctorNumber).dial(territoryNumber);
    await call.hears('no-answer');
  });
});
