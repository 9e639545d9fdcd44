import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../db/seed/seed-demo.js';
import { doctorContacts } from '../../server/line/contacts.js';
import { loadLineContext } from '../../server/line/line-context.js';
import { startLiveService, type LiveService } from '../support/live.js';
import { signedPost } from '../support/twilio-post.js';

// The live-call Redis accepts connections and never answers (a hung Redis).
const line = '+33261910015';
const night = new Date('2026-11-24T21:00:00Z');
let blackHole: Server;
const sockets = new Set<Socket>();
let s: LiveService;

beforeAll(async () => {
  blackHole = createServer((socket) => (sockets.add(socket), socket.on('error', () => {})));
  await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', () => resolve()));
  const port = (blackHole.address() as AddressInfo).port;
  s = await startLiveService({ now: night, env: { REDIS_URL: `redis://127.0.0.1:${port}` } });
  await seedDemo(s.db.db, night);
});
afterAll(async () => {
  await s.close();
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => blackHole.close(resolve));
});

describe('the live-call Redis hangs', () => {
  it('a webhook waits for it about a second at most, and the patient still reaches the doctor', async () => {
    const started = performance.now();
    const res = await signedPost(s.app, s.url, s.deps.config.TWILIO_AUTH_TOKEN, '/twilio/voice', {
      CallSid: 'CA-hang-1',
      From: '+33612000401',
      To: line,
      CallStatus: 'in-progress',
    });
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/vie est en danger/);
    expect(performance.now() - started).toBeLessThan(2000);

    const [primary] = doctorContacts((await loadLineContext(s.db.db, line, night))!, night);
    const call = await s.emulator.phone('+33612000402').dial(line);
    await call.hears(/tapez 1/i);
    await call.press('1');
    const ring = await s.emulator.phone(primary!.phone).rings();
    await ring.answer();
    await ring.press('1');
    await call.isConnectedTo(primary!.phone);
    await call.hangup();
    expect(s.emulator.errors()).toEqual([]);
  });
});
