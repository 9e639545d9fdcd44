import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../db/seed/seed-demo.js';
import { callRecords } from '../../db/schema/index.js';
import { doctorContacts } from '../../server/line/contacts.js';
import { loadLineContext } from '../../server/line/line-context.js';
import { startCluster, type Cluster } from '../support/cluster.js';

const line = '+33261910015';
// Tuesday 24 November 2026, 22:00 in Paris: PDSA hours (every process's clock starts there).
const night = new Date('2026-11-24T21:00:00Z');
let c: Cluster;
let primary: string;

beforeAll(async () => {
  c = await startCluster({ now: night, seed: (db) => seedDemo(db.db, night).then(() => {}) });
  const contacts = doctorContacts((await loadLineContext(c.db.db, line, night))!, night);
  primary = contacts[0]!.phone;
}, 90_000);
afterAll(() => c?.close());

describe('two instances behind nginx round-robin', () => {
  it('a call answered by the doctor ends connected, its webhooks served by both instances', async () => {
    const call = await c.emulator.phone('+33612000101').dial(line);
    await call.hears(/tapez 1/i);
    await call.press('1');
    await call.hears(/Nous appelons le médecin de garde/);
    const ring = await c.emulator.phone(primary).rings();
    await ring.answer();
    await ring.hears(/appuyez sur 1 pour répondre/i);
    await ring.press('1');
    await call.isConnectedTo(primary);
    await ring.hangup();
    await call.ended();
    await expect
      .poll(async () => {
        const [r] = await c.db.db
          .select()
          .from(callRecords)
          .where(eq(callRecords.callSid, call.sid));
        return r?.outcome;
      })
      .toBe('connected');
    expect(c.servedBy(call.sid)).toEqual(new Set(c.instances.map((i) => i.address)));
    expect(c.emulator.errors()).toEqual([]);
  });
});
