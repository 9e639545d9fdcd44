import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTwilioEmulator, type TwilioEmulator } from '../src/index.js';
import { startFixtureApp, twiml, type FixtureApp } from './fixture-app.js';

const platform = '+33900000001';
const mobile = '+33612345678';

let emu: TwilioEmulator;
let app: FixtureApp;
let client: twilio.Twilio;

beforeAll(async () => {
  emu = await startTwilioEmulator({ timeScale: 0.01 });
  app = await startFixtureApp(() => emu.authToken);
  client = twilio(emu.accountSid, emu.authToken, { autoRetry: false });
  client.api.baseUrl = emu.url;
  emu.incomingNumber(platform, { voiceUrl: `${app.url}/voice`, smsUrl: `${app.url}/sms` });
});
afterAll(async () => {
  await emu.close();
  await app.close();
});

async function restError(
  promise: Promise<unknown>,
): Promise<{ status: number; code: number; message: string }> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(twilio.RestException);
  return err as { status: number; code: number; message: string };
}

describe('webhook signatures', () => {
  it('computes the signature twilio.validateRequest accepts, and only that one', () => {
    const url = 'https://gardeline.example/twilio/voice?territory=1';
    const params = { CallSid: 'CA123', From: '+33612345678', Digits: '1' };
    const signature = emu.signature(url, params);
    expect(signature).toBe(twilio.getExpectedTwilioSignature(emu.authToken, url, params));
    expect(twilio.validateRequest(emu.authToken, signature, url, params)).toBe(true);
    expect(twilio.validateRequest(emu.authToken, signature, url, { ...params, Digits: '2' })).toBe(
      false,
    );
    expect(twilio.validateRequest('another-token', signature, url, params)).toBe(false);
  });
});

describe('REST API through the official client', () => {
  it('creates a call: 201 with a CA sid, queued, then it rings and runs the app on answer', async () => {
    app.route('/outbound', twiml('<Say>Bonjour docteur</Say>'));
    emu.phone(mobile).behave({ answer: 'auto', answerAfterMs: 1000 });
    const call = await client.calls.create({
      to: mobile,
      from: platform,
      url: `${app.url}/outbound`,
    });
    expect(call.sid).toMatch(/^CA[0-9a-f]{32}$/);
    expect(call.status).toBe('queued');
    expect(call.to).toBe(mobile);
    expect(call.from).toBe(platform);
    expect(call.accountSid).toBe(emu.accountSid);
    expect(call.dateCreated).toBeInstanceOf(Date);
    const ring = await emu.phone(mobile).rings();
    await ring.hears(/Bonjour docteur/);
    expect(await ring.ended()).toBe('completed');
    const hit = app.hitsTo('/outbound')[0]!;
    expect(hit.params).toMatchObject({
      CallSid: call.sid,
      Direction: 'outbound-api',
      CallStatus: 'in-progress',
      To: mobile,
      From: platform,
    });
    expect(hit.signatureValid).toBe(true);
    const fetched = await client.calls(call.sid).fetch();
    expect(fetched.status).toBe('completed');
    emu.phone(mobile).behave({});
  });

  it('creates a message: 201 with an SM sid; fetch and list find it', async () => {
    const msg = await client.messages.create({
      to: mobile,
      from: platform,
      body: 'Votre rappel est prévu',
    });
    expect(msg.sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(msg.sid).toHaveLength(34);
    expect(msg.status).toBe('queued');
    expect(msg.body).toBe('Votre rappel est prévu');
    await emu.phone(mobile).receives(/rappel/);
    expect((await client.messages(msg.sid).fetch()).status).toBe('delivered');
    const listed = await client.messages.list({ to: mobile });
    expect(listed.map((m) => m.sid)).toContain(msg.sid);
  });

  it('refuses an invalid To with 21211', async () => {
    const err = await restError(
      client.messages.create({ to: '0612345678', from: platform, body: 'x' }),
    );
    expect(err).toMatchObject({ status: 400, code: 21211 });
    const callErr = await restError(
      client.calls.create({ to: 'not-a-number', from: platform, url: `${app.url}/x` }),
    );
    expect(callErr).toMatchObject({ status: 400, code: 21211 });
  });

  it('refuses an SMS to a French fixed line or a phone that cannot take SMS with 21614', async () => {
    expect(
      await restError(client.messages.create({ to: '+33123456789', from: platform, body: 'x' })),
    ).toMatchObject({ status: 400, code: 21614 });
    emu.phone('+33611111111').behave({ smsCapable: false });
    expect(
      await restError(client.messages.create({ to: '+33611111111', from: platform, body: 'x' })),
    ).toMatchObject({ code: 21614 });
  });

  it('refuses an SMS to a phone that texted STOP with 21610, until START', async () => {
    app.route('/sms', twiml(''));
    const patient = emu.phone('+33622222222');
    await patient.sendSms(platform, 'STOP');
    expect(patient.isUnsubscribedFrom(platform)).toBe(true);
    expect(
      await restError(client.messages.create({ to: patient.number, from: platform, body: 'x' })),
    ).toMatchObject({ status: 400, code: 21610 });
    await patient.sendSms(platform, 'start');
    await expect(
      client.messages.create({ to: patient.number, from: platform, body: 'de retour' }),
    ).resolves.toMatchObject({ status: 'queued' });
  });

  it('answers 401 with Twilio error 20003 on bad credentials', async () => {
    const intruder = twilio(emu.accountSid, 'wrong-token', { autoRetry: false });
    intruder.api.baseUrl = emu.url;
    expect(
      await restError(intruder.messages.create({ to: mobile, from: platform, body: 'x' })),
    ).toMatchObject({ status: 401, code: 20003 });
    const raw = await fetch(`${emu.url}/2010-04-01/Accounts/${emu.accountSid}/Messages.json`, {
      method: 'POST',
    });
    expect(raw.status).toBe(401);
    expect(await raw.json()).toEqual({
      code: 20003,
      message: 'Authenticate',
      more_info: 'https://www.twilio.com/docs/errors/20003',
      status: 401,
    });
  });

  it('injects 500 and 429 failures, for the number of times asked', async () => {
    emu.failNext({ path: 'Messages', status: 500 });
    emu.failNext({ path: 'Calls', status: 429, times: 2 });
    expect(
      await restError(client.messages.create({ to: mobile, from: platform, body: 'x' })),
    ).toMatchObject({ status: 500, code: 20500 });
    await expect(
      client.messages.create({ to: mobile, from: platform, body: 'x' }),
    ).resolves.toBeTruthy();
    for (let i = 0; i < 2; i++) {
      expect(
        await restError(client.calls.create({ to: mobile, from: platform, url: `${app.url}/x` })),
      ).toMatchObject({ status: 429, code: 20429 });
    }
    emu.phone(mobile).behave({ answer: 'busy' });
    await expect(
      client.calls.create({ to: mobile, from: platform, url: `${app.url}/x` }),
    ).resolves.toBeTruthy();
  });

  it('cancels a ringing call through a call update', async () => {
    emu.phone('+33633333333').behave({ answer: 'never' });
    const call = await client.calls.create({
      to: '+33633333333',
      from: platform,
      url: `${app.url}/x`,
    });
    await emu.phone('+33633333333').rings();
    const updated = await client.calls(call.sid).update({ status: 'canceled' });
    expect(updated.status).toBe('canceled');
  });
});
