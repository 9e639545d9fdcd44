import { eq } from 'drizzle-orm';
import type { ConnectionOptions } from 'node:tls';
import { directoryEntries, hospitalStays, stayMovements } from '../../db/schema/index.js';
import { startHl7Listener, type Hl7Listener } from '../../server/hospital/hl7/listener.js';
import { createTestApp, type TestApp, type TestAppOptions } from '../support/app.js';
import { aTerritory, type Territory } from '../support/factories.js';
import { connectMllp, type MllpClient } from './mllp-client.js';

export interface HospitalFeed {
  t: TestApp;
  listener: Hl7Listener;
  /** A territory that allows the sender CHBA, with the fixtures' GP (RPPS 10001234567) in its directory. */
  territory: Territory;
  gpEntryId: string;
  connect(tls?: ConnectionOptions): Promise<MllpClient>;
  stayOf(visit: string): Promise<typeof hospitalStays.$inferSelect>;
  movementsOf(stayId: string): Promise<(typeof stayMovements.$inferSelect)[]>;
  /** The hospital-stay-notice jobs waiting in the queue (no worker runs in these tests). */
  noticeJobs(): Promise<{ data: { stayId: string; movementId: string } }[]>;
  close(): Promise<void>;
}

/** The real app's database and queue, and the MLLP listener on a loopback port of its own. */
export async function startHospitalFeed(options: TestAppOptions = {}): Promise<HospitalFeed> {
  const t = await createTestApp(options);
  const territory = await aTerritory(t.db.db, { hl7Facilities: ['CHBA'] });
  const [entry] = await t.db.db
    .insert(directoryEntries)
    .values({
      territoryId: territory.id,
      nationalId: '810001234567',
      rpps: '10001234567',
      lastName: 'LE GOFF',
      firstName: 'Anne',
    })
    .returning();
  const listener = (await startHl7Listener(t.deps))!;
  const clients: MllpClient[] = [];
  return {
    t,
    listener,
    territory,
    gpEntryId: entry!.id,
    async connect(tls) {
      const client = await connectMllp(listener.port, tls ? { tls } : {});
      clients.push(client);
      return client;
    },
    async stayOf(visit) {
      const [stay] = await t.db.db
        .select()
        .from(hospitalStays)
        .where(eq(hospitalStays.visitNumber, visit));
      return stay!;
    },
    movementsOf: (stayId) =>
      t.db.db.select().from(stayMovements).where(eq(stayMovements.stayId, stayId)),
    async noticeJobs() {
      const jobs = await t.deps.jobs.queues.reminders.getJobs([
        'waiting',
        'delayed',
        'prioritized',
      ]);
      return jobs.filter((job) => job.name === 'hospital-stay-notice');
    },
    async close() {
      await Promise.all(clients.map((c) => c.close()));
      await listener.close(1000);
      await t.close();
    },
  };
}

let sequence = 0;

/** A fresh visit number and control ids, so each test tells its own story in a shared database. */
export function aStory() {
  sequence += 1;
  const n = sequence;
  return { visit: `T${n}`, id: (i: number) => `T${n}-${i}` };
}
