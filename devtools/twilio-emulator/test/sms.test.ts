import twilio from 'twilio';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTwilioEmulator, type TwilioEmulator } from '../src/index.js';
import { startFixtureApp, twiml, type FixtureApp } from './fixture-app.js';

const line = '+33900000007';
const patient = '+33611000004';

let emu: TwilioEmulator;
let app: FixtureApp;
let client: twilio.Twilio;

beforeEach(async () => {
  emu = await startTwilioEmulator({ timeScale: 0.01 });
  app = await startFixtureApp(() => emu.authToken);
  emu.incomingNumber(line, { voiceUrl: `${app.url}/voice`, smsUrl: `${app.url}/sms` });
  client = twilio(emu.accountSid, emu.authToken, { autoRetry: false });
  client.api.baseUrl = emu.url;
});
afterEach(async () => {
  await emu.close();
  await app.close();
});

describe('outgoing SMS', () => {
  it('posts queued → sent → delivered to the status callback, signed', async () => {
    const msg = await client.messages.create({
      to: patient,
      from: line,
      body: 'Le médecin vous rappelle',
      statusCallback: `${app.url}/sms-status`,
    });
    await expect
      .poll(() => app.hitsTo('/sms-status').map((h) => h.params.MessageStatus))
      .toEqual(['queued', 'sent', 'delivered']);
    expect(
      app.hitsTo('/sms-status').every((h) => h.signatureValid && h.params.MessageSid === msg.sid),
    ).toBe(true);
    expect(
      emu
        .phone(patient)
        .inbox()
        .map((m) => m.body),
    ).toEqual(['Le médecin vous rappelle']);
    expect(emu.messages(patient)).toHaveLength(1);
    expect(emu.messages({ from: line })[0]).toMatchObject({
      sid: msg.sid,
      status: 'delivered',
      direction: 'outbound-api',
    });
  });

  it('reports undelivered with an ErrorCode when the phone is unreachable', async () => {
    emu.phone(patient).behave({ smsDelivery: 'undelivered' });
    await client.messages.create({
      to: patient,
      from: line,
      body: 'x',
      statusCallback: `${app.url}/sms-status`,
    });
    await expect
      .poll(() => app.hitsTo('/sms-status').at(-1)?.params)
      .toMatchObject({ MessageStatus: 'undelivered', ErrorCode: '30003' });
    expect(emu.phone(patient).inbox()).toHaveLength(0);
  });
});

describe('incoming SMS', () => {
  it("posts Twilio's parameters to the SMS URL and delivers the <Message> replies", async () => {
    app.route('/sms', (p) =>
      twiml(`<Message>Reçu : ${p.Body}</Message><Message><Body>Deuxième réponse</Body></Message>`),
    );
    const { sid, replies } = await emu.phone(patient).sendSms(line, 'RAPPEL 42');
    expect(replies.map((r) => r.body)).toEqual(['Reçu : RAPPEL 42', 'Deuxième réponse']);
    const hit = app.hitsTo('/sms')[0]!;
    expect(hit.signatureValid).toBe(true);
    expect(hit.params).toMatchObject({
      MessageSid: sid,
      AccountSid: emu.accountSid,
      From: patient,
      To: line,
      Body: 'RAPPEL 42',
      NumMedia: '0',
    });
    await emu.phone(patient).receives('Deuxième réponse');
    expect(
      emu
        .phone(patient)
        .inbox()
        .map((m) => m.body),
    ).toEqual(['Reçu : RAPPEL 42', 'Deuxième réponse']);
  });

  it('STOP unsubscribes (Twilio confirms, the app is told, its replies are blocked); START re-subscribes', async () => {
    app.route('/sms', twiml('<Message>Réponse de l application</Message>'));
    const phone = emu.phone(patient);
    const stopped = await phone.sendSms(line, 'Stop');
    expect(phone.isUnsubscribedFrom(line)).toBe(true);
    expect(app.hitsTo('/sms')[0]!.params.OptOutType).toBe('STOP');
    expect(
      stopped.replies.map((r) => [r.body.slice(0, 40), r.status === 'failed' ? r.errorCode : 'ok']),
    ).toEqual([
      ['You have successfully been unsubscribed.', 'ok'],
      ['Réponse de l application', 21610],
    ]);
    const err = await client.messages
      .create({ to: patient, from: line, body: 'x' })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 400, code: 21610 });
    await phone.sendSms(line, 'START');
    expect(phone.isUnsubscribedFrom(line)).toBe(false);
    await phone.receives('Réponse de l application');
  });

  it('records an SMS webhook failure', async () => {
    app.route('/sms', () => ({ status: 500 }));
    const { replies } = await emu.phone(patient).sendSms(line, 'bonjour');
    expect(replies).toEqual([]);
    expect(emu.errors()[0]).toMatchObject({ code: 11200, url: `${app.url}/sms` });
  });
});
