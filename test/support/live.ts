import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTwilioEmulator, type TwilioEmulator } from '@gardeline/twilio-emulator';
import { wireNumber } from '../../scripts/local-telephony.js';
import { createTestApp, type TestApp, type TestAppOptions } from './app.js';

export interface LiveService extends TestApp {
  url: string;
  emulator: TwilioEmulator;
  /** The HTTP server the app listens on (benchmarks time its requests). */
  server: Server;
}

const authToken = 'live-test-auth-token-0123456789';
const accountSid = 'AC' + 'c0ffee'.padEnd(32, '0');

/**
 * The real app listening on a loopback port, its Twilio client pointed at the project's
 * emulator, and the emulator's numbers wired to the app's webhooks: a phone network in a box.
 */
export async function startLiveService(
  options: TestAppOptions & { timeScale?: number; numbers?: string[] } = {},
): Promise<LiveService> {
  const emulator = await startTwilioEmulator({
    accountSid,
    authToken,
    timeScale: options.timeScale ?? 0.02,
    harnessTimeoutMs: 8000,
  });
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const t = await createTestApp({
    ...options,
    publicUrl: url,
    twilioApiUrl: emulator.url,
    env: { TWILIO_AUTH_TOKEN: authToken, TWILIO_ACCOUNT_SID: accountSid, ...options.env },
  });
  server.on('request', t.app);
  for (const number of options.numbers ?? ['+33261910015']) wireNumber(emulator, url, number);
  return {
    ...t,
    url,
    emulator,
    server,
    async close() {
      await emulator.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await t.close();
    },
  };
}
