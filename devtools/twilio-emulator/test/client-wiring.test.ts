import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmulatorRequestClient, startTwilioEmulator, type TwilioEmulator } from '../src/index.js';
import { startFixtureApp, twiml, type FixtureApp } from './fixture-app.js';

const platform = '+33900000008';
const doctor = '+33644000008';

let emu: TwilioEmulator;
let app: FixtureApp;

beforeAll(async () => {
  emu = await startTwilioEmulator({ timeScale: 0.02 });
  app = await startFixtureApp(() => emu.authToken);
});
afterAll(async () => {
  await emu.close();
  await app.close();
});

describe('pointing the official client at the emulator', () => {
  it('client.api.baseUrl works while no region/edge is set', async () => {
    const client = twilio(emu.accountSid, emu.authToken, { autoRetry: false });
    client.api.baseUrl = emu.url;
    await expect(
      client.messages.create({ to: doctor, from: platform, body: 'x' }),
    ).resolves.toMatchObject({ status: 'queued' });
  });

  it('EmulatorRequestClient works whatever the region and edge', async () => {
    const client = twilio(emu.accountSid, emu.authToken, {
      httpClient: new EmulatorRequestClient(emu.url),
      region: 'ie1',
      edge: 'dublin',
      autoRetry: false,
    });
    await expect(
      client.messages.create({ to: doctor, from: platform, body: 'y' }),
    ).resolves.toMatchObject({ status: 'queued' });
  });

  it('twilio-node rewrites a host name (not an IP) when a region is set: why baseUrl needs an IP or no region', () => {
    const client = twilio(emu.accountSid, emu.authToken, { region: 'ie1' });
    expect(client.getHostname('localhost', undefined, 'ie1')).toBe('localhost.ie1.localhost');
    expect(client.getHostname('twilio-emulator', undefined, undefined)).toBe('twilio-emulator');
  });

  it('a call update with Twiml redirects a live call', async () => {
    const client = twilio(emu.accountSid, emu.authToken, {
      httpClient: new EmulatorRequestClient(emu.url),
    });
    app.route('/hold', twiml('<Say>Patientez</Say><Pause length="60"/>'));
    emu.phone(doctor).behave({ answerAfterMs: 100 });
    const call = await client.calls.create({ to: doctor, from: platform, url: `${app.url}/hold` });
    const ring = await emu.phone(doctor).rings();
    await ring.hears('Patientez');
    await client
      .calls(call.sid)
      .update({ twiml: '<Response><Say>Changement de programme</Say></Response>' });
    await ring.hears('Changement de programme');
    expect(await ring.ended()).toBe('completed');
  });
});
