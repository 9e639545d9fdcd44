import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTwilioEmulator, type TwilioEmulator } from '../src/index.js';
import { startFixtureApp, twiml, type FixtureApp } from './fixture-app.js';

const line = '+33900000004';
let emu: TwilioEmulator;
let app: FixtureApp;
let client: twilio.Twilio;

beforeAll(async () => {
  emu = await startTwilioEmulator({ timeScale: 0.02 });
  app = await startFixtureApp(() => emu.authToken);
  client = twilio(emu.accountSid, emu.authToken, { autoRetry: false });
  client.api.baseUrl = emu.url;
  emu.incomingNumber(line, { voiceUrl: `${app.url}/voice` });
  app.route('/voice', twiml('<Enqueue waitUrl="/wait">garde</Enqueue>'));
  app.route('/wait', (p) => twiml(`<Say>position ${p.QueuePosition} depuis ${p.QueueTime}</Say>`));
});
afterAll(async () => {
  await emu.close();
  await app.close();
});

describe('the Queues API', () => {
  it('lists the queues an <Enqueue> created, and who waits in each, oldest first', async () => {
    expect(await client.queues.list()).toEqual([]);
    const first = await emu.phone('+33611000011').dial(line);
    await first.hears('position 1');
    const second = await emu.phone('+33611000012').dial(line);
    await second.hears('position 2');

    const [queue] = await client.queues.list();
    expect(queue).toMatchObject({ friendlyName: 'garde', currentSize: 2 });
    const members = await client.queues(queue!.sid).members.list();
    expect(members.map((m) => [m.callSid, m.position])).toEqual([
      [first.sid, 1],
      [second.sid, 2],
    ]);
    expect((await client.queues(queue!.sid).members('Front').fetch()).callSid).toBe(first.sid);

    await first.hangup();
    await expect
      .poll(async () => (await client.queues(queue!.sid).members.list()).map((m) => m.callSid))
      .toEqual([second.sid]);
    await second.hangup();
  });

  it('an unknown queue is a 404, as on Twilio', async () => {
    await expect(client.queues('QU' + '0'.repeat(32)).members.list()).rejects.toMatchObject({
      status: 404,
    });
  });
});
