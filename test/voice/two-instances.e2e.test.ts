import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../db/seed/seed-demo.js';
import { territories, territoryNumbers } from '../../db/schema/index.js';
import { wireNumber } from '../../scripts/local-telephony.js';
import { createApp } from '../../server/app.js';
import type { LiveCalls } from '../../server/line/call-state.js';
import { openLiveCalls } from '../../server/line/call-state-store.js';
import { doctorContacts } from '../../server/line/contacts.js';
import { loadLineContext } from '../../server/line/line-context.js';
import type { Contact } from '../../rota/types.js';
import { testRedisUrl } from '../support/env.js';
import { startLiveService, type LiveService } from '../support/live.js';

// Two express apps (instances A and B) on one PostgreSQL (and one Redis), behind one emulated
// Twilio; each opens its live-call store from the config alone, as two processes would.
const lineA = '+33261910015';
const lineB = '+33261910016';
const night = new Date('2026-11-24T21:00:00Z');
const stores: [string, () => Record<string, string>][] = [
  [
    'Redis',
    () => ({ REDIS_URL: testRedisUrl, QUEUE_PREFIX: `gltest-${randomBytes(4).toString('hex')}` }),
  ],
  // Without REDIS_URL (the embedded default's choice): the live-call table of their PostgreSQL.
  ['PostgreSQL', () => ({})],
];

describe.each(stores)('on %s', (store, env) => {
  let s: LiveService;
  let b: { url: string; server: Server; live: LiveCalls };
  let primary: Contact;

  beforeAll(async () => {
    s = await startLiveService({ now: night, env: env(), numbers: [] });
    await seedDemo(s.db.db, night);
    const [territory] = await s.db.db.select().from(territories);
    await s.db.db.insert(territoryNumbers).values({ number: lineB, territoryId: territory!.id });
    [primary] = doctorContacts((await loadLineContext(s.db.db, lineA, night))!, night) as [Contact];

    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // Instance B: its own store object (its own Redis connection), from the same config.
    const live = openLiveCalls(s.deps.config, s.deps.db.sql);
    server.on('request', createApp({ ...s.deps, publicUrl: url, live }));
    b = { url, server, live };

    // Line A's calls reach A, but their status callbacks reach B (as a round-robin proxy would).
    s.emulator.incomingNumber(lineA, {
      voiceUrl: `${s.url}/twilio/voice`,
      statusCallback: `${b.url}/twilio/status`,
    });
    wireNumber(s.emulator, b.url, lineB);
  });
  afterAll(async () => {
    b.server.closeAllConnections();
    await new Promise<void>((resolve) => b.server.close(() => resolve()));
    await b.live.close();
    await s.close();
  });

  describe(`two instances share the live calls (${store})`, () => {
    it('a doctor bridged through A is not rung for a patient arriving through B; B frees them and offers the holding caller', async () => {
      expect(s.deps.live).not.toBe(b.live);
      const first = await s.emulator.phone('+33612000201').dial(lineA);
      await first.hears(/tapez 1/i);
      await first.press('1');
      const ring = await s.emulator.phone(primary.phone).rings();
      await ring.answer();
      await ring.press('1');
      await first.isConnectedTo(primary.phone);
      expect(await b.live.isBusy(primary.professionalId)).toBe(true);

      const second = await s.emulator.phone('+33612000202').dial(lineB);
      await second.hears(/tapez 1/i);
      await second.press('1');
      await second.hears(/en ligne avec un autre patient/);
      await second.press('1');
      await second.hears(/Vous êtes le prochain patient/);
      // Only the first call ever rang the doctor.
      expect(s.emulator.calls().filter((c) => c.to === primary.phone)).toHaveLength(1);

      // The hang-up reaches B, which never saw the bridge: it frees the doctor and offers them
      // the caller holding in Twilio's queue.
      await first.hangup();
      const offer = await s.emulator.phone(primary.phone).rings();
      await offer.answer();
      await offer.hears(/Un patient vous attend/);
      await offer.press('1');
      await second.isConnectedTo(primary.phone);
      expect(await s.deps.live!.isBusy(primary.professionalId)).toBe(true);
      await second.hangup();
      await expect.poll(() => s.deps.live!.isBusy(primary.professionalId)).toBe(false);
    });
  });
});
