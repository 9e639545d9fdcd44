import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { hl7Messages } from '../../db/schema/index.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { fixture } from './fixtures.js';
import { aStory, startHospitalFeed, type HospitalFeed } from './hospital-feed.js';
import { connectMllp, readAck, type MllpClient } from './mllp-client.js';

/**
 * The feed when what is behind it fails: Redis and PostgreSQL through loopback proxies a test
 * cuts (a real network fault), and the listener's own shutdown.
 */
let redis: TcpProxy;
let pg: TcpProxy;
let feed: HospitalFeed;
let hospital: MllpClient;

beforeAll(async () => {
  redis = await startTcpProxy(6379);
  pg = await startTcpProxy(5432);
  feed = await startHospitalFeed({
    redisUrl: `redis://127.0.0.1:${redis.port}`,
    databaseUrlFor: (url) => url.replace(':5432/', `:${pg.port}/`),
  });
  hospital = await feed.connect();
});

afterAll(async () => {
  redis?.restore();
  pg?.restore();
  await feed?.close();
  await Promise.all([redis?.close(), pg?.close()]);
});

describe('the queue is down', () => {
  it('still stores the movement and answers AA; the notice is left to the sweep', async () => {
    const { visit, id } = aStory();
    redis.cut();
    try {
      const ack = readAck(
        await hospital.send(fixture('a01-admission', { visit, controlId: id(1) })),
      );
      expect(ack.MSA?.[1]).toBe('AA');
      expect((await feed.stayOf(visit)).status).toBe('admitted');
      await feed.listener.idle();
    } finally {
      redis.restore();
    }
    const stay = await feed.stayOf(visit);
    expect(await feed.movementsOf(stay.id)).toHaveLength(1);
    // Redis reconnects after the restore: read the queue once it answers.
    const jobs = await vi.waitFor(() => feed.noticeJobs(), { timeout: 10_000 });
    expect(jobs.filter((j) => j.data.stayId === stay.id)).toEqual([]);
  });
});

describe('PostgreSQL is down', () => {
  it('answers AE 207 and keeps nothing, so the resend after it is back is applied', async () => {
    const { visit, id } = aStory();
    const message = fixture('a01-admission', { visit, controlId: id(1) });
    pg.cut();
    let refused;
    try {
      refused = readAck(await hospital.send(message));
    } finally {
      pg.restore();
    }
    expect(refused.MSA?.slice(1, 3)).toEqual(['AE', id(1)]);
    expect(refused.ERR?.[3]).toBe('207^Application internal error^HL70357');
    const again = readAck(await hospital.send(message));
    expect(again.MSA?.[1]).toBe('AA');
    const stored = await feed.t.db.db
      .select()
      .from(hl7Messages)
      .where(eq(hl7Messages.controlId, id(1)));
    expect(stored.map((m) => m.ackCode)).toEqual(['AA']);
  });
});

describe('stopping', () => {
  it('closes its connections once their messages are answered, and takes no new one', async () => {
    const { visit, id } = aStory();
    const last = await connectMllp(feed.listener.port);
    const ack = readAck(await last.send(fixture('a05-pre-admission', { visit, controlId: id(1) })));
    expect(ack.MSA?.[1]).toBe('AA');
    await feed.listener.close(5000);
    await expect(
      last.send(fixture('a05-pre-admission', { visit, controlId: id(2) })),
    ).rejects.toThrow();
    await expect(connectMllp(feed.listener.port)).rejects.toThrow();
  });
});
