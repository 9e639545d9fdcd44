/**
 * gardeline's local Twilio: the REST API the official `twilio` client talks to, simulated
 * phones that call, text, ring, hear and press, and the app's webhooks exercised for
 * real (signed like Twilio). Modelled on GoAlert's devtools/mocktwilio.
 *
 * Point the real client at it with `client.api.baseUrl = emulator.url`.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import { Clock } from './clock.js';
import { createControlApi } from './control-api.js';
import { newSid } from './identifiers.js';
import { SimulatedPhone } from './phone.js';
import { RestApi } from './rest-api.js';
import { EmulatorState } from './state.js';
import type { TwilioEmulator } from './emulator.js';
import type { TwilioEmulatorOptions } from './types.js';

export type * from './types.js';
export type { CallHandle, PhoneRef, WaitOptions } from './call-handle.js';
export type { DialOptions, SimulatedPhone } from './phone.js';
export type { Fault } from './rest-api.js';

export type { TwilioEmulator } from './emulator.js';

export async function startTwilioEmulator(
  options: TwilioEmulatorOptions = {},
): Promise<TwilioEmulator> {
  const accountSid = options.accountSid ?? newSid('AC');
  const authToken = options.authToken ?? randomBytes(16).toString('hex');
  const clock = new Clock(options.timeScale ?? 1);
  const state = new EmulatorState(
    {
      accountSid,
      authToken,
      webhookTimeoutMs: options.webhookTimeoutMs ?? 15_000,
      harnessTimeoutMs: options.harnessTimeoutMs ?? 5_000,
    },
    clock,
  );
  const rest = new RestApi(state);
  let control: ((req: IncomingMessage, res: ServerResponse) => boolean) | null = null;
  const server: Server = createServer((req, res) => {
    if (control?.(req, res)) return;
    if (req.method === 'GET' && req.url === '/_emulator/state') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          calls: emulator.calls(),
          messages: emulator.messages(),
          errors: emulator.errors(),
        }),
      );
      return;
    }
    rest.handle(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  state.baseUrl = `http://${host}:${address.port}`;
  const phones = new Map<string, SimulatedPhone>();

  const emulator: TwilioEmulator = {
    url: state.baseUrl,
    accountSid,
    authToken,
    timeScale: clock.timeScale,
    incomingNumber(e164, config) {
      state.numbers.set(e164, { ...config });
    },
    phone(e164) {
      let phone = phones.get(e164);
      if (!phone) phones.set(e164, (phone = new SimulatedPhone(state, e164)));
      return phone;
    },
    everyPhoneBehaves(behaviour) {
      state.defaultBehaviour = { ...behaviour };
      for (const phone of state.phones.values()) phone.behaviour = { ...behaviour };
    },
    messages(filter) {
      const { to, from } =
        typeof filter === 'string'
          ? { to: filter, from: filter }
          : { to: undefined, from: undefined, ...filter };
      const either = typeof filter === 'string';
      return state.messages
        .filter((m) =>
          either
            ? m.to === to || m.from === from
            : (!to || m.to === to) && (!from || m.from === from),
        )
        .map((m) => m.snapshot());
    },
    calls: () => [...state.calls.values()].map((c) => c.snapshot()),
    errors: () => [...state.appErrors],
    failNext: (fault) => rest.failNext(fault),
    signature: (url, params) => twilio.getExpectedTwilioSignature(authToken, url, params),
    on(event, listener) {
      state.events.on(event, listener as (...args: unknown[]) => void);
      return () => state.events.off(event, listener as (...args: unknown[]) => void);
    },
    async close() {
      state.close();
      for (const leg of state.calls.values())
        leg.end(leg.status === 'in-progress' ? 'completed' : 'canceled');
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  control = createControlApi(emulator);
  return emulator;
}

export { EmulatorRequestClient } from './request-client.js';
