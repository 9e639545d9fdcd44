import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.js';
import { DatabaseBreaker } from '../../server/line/database-breaker.js';
import { deadLetterCount, onDeadLetter, type DeadLetter } from '../../server/line/dead-letters.js';
import { replayOutbox } from '../../server/line/outbox-replayer.js';
import { DirectoryOutbox } from '../../server/line/turn-outbox-directory.js';
import { RedisOutbox, type TurnOutbox } from '../../server/line/turn-outbox.js';
import type { TurnWrites } from '../../server/line/turn-writes.js';
import { createLogger } from '../../server/platform/logger.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { aTerritory } from '../support/factories.js';

const log = createLogger('silent', false);
const at = new Date('2026-11-24T21:00:00Z');
let t: TestApp;
let territoryId: string;
let dir: string;

beforeAll(async () => {
  t = await createTestApp({ now: at });
  territoryId = (await aTerritory(t.db.db)).id;
  dir = await mkdtemp(join(tmpdir(), 'line-outbox-'));
  // The producer connection fails fast (no offline queue): wait until it is connected.
  const redis = t.deps.jobs.factory.redis!;
  if (redis.status !== 'ready') await new Promise((resolve) => redis.once('ready', resolve));
});
afterAll(async () => {
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

/** A new call's greeting turn, as record-turn.ts plans it. */
const greeting = (callSid: string, parties = {}): TurnWrites => ({
  key: randomUUID(),
  callSid,
  at,
  opening: {
    call: {
      territoryId,
      fromNumber: '+33612380000',
      toNumber: '+33261910015',
      callerHidden: false,
      ...parties,
    },
    node: 'greeting',
  },
  events: [],
  outcome: 'abandoned',
  sms: [],
});
const count = async (query: string) => ((await t.db.sql.unsafe(query)) as { n: number }[])[0]!.n;

/** An outbox on a store of its own; the same name opens the same store (another process). */
const outboxes: Record<string, (name?: string) => TurnOutbox> = {
  redis: (name = randomBytes(4).toString('hex')) =>
    new RedisOutbox(t.deps.jobs.factory.redis!, `gltest-${name}`),
  directory: (name = randomBytes(4).toString('hex')) => new DirectoryOutbox(join(dir, name)),
};

describe.each(Object.keys(outboxes))('the line outbox on %s', (kind) => {
  it('sets a poison write aside and commits the 20 behind it; the breaker stays closed', async () => {
    const name = randomBytes(4).toString('hex');
    const outbox = outboxes[kind]!(name);
    // A dead letter from long ago (patient numbers in it): the next one clears it away.
    const old = join(dir, name, 'dead', 'old-letter');
    if (kind === 'directory') {
      await mkdir(join(dir, name, 'dead'), { recursive: true });
      await writeFile(old, '{}');
      const longAgo = new Date(Date.now() - 40 * 86_400_000);
      await utimes(old, longAgo, longAgo);
    }
    const sids = Array.from({ length: 20 }, (_, i) => `CA${kind}good${i}`);
    // Not a uuid: PostgreSQL refuses it for its data (22P02), every time.
    await outbox.keep(greeting(`CA${kind}poison`, { territoryId: 'not-a-uuid' }));
    for (const sid of sids) await outbox.keep(greeting(sid));
    const letters: DeadLetter[] = [];
    const stop = onDeadLetter((letter) => letters.push(letter));
    const before = deadLetterCount();
    const breaker = new DatabaseBreaker();
    const pass = await replayOutbox({ deps: t.deps, breaker, outbox }, log);
    stop();
    expect(pass).toEqual({ committed: 20, deadLetters: 1, postponed: 0 });
    expect(breaker.isOpen()).toBe(false);
    expect(deadLetterCount() - before).toBe(1);
    // Counted and described without personal data: SQLSTATE and a hash of the call SID.
    expect(letters).toEqual([
      expect.objectContaining({ code: '22P02', callHash: expect.stringMatching(/^[0-9a-f]{12}$/) }),
    ]);
    expect(JSON.stringify(letters)).not.toMatch(/poison|\+336/);
    expect(await outbox.size()).toBe(0);
    if (kind === 'redis') {
      const ttl = await t.deps.jobs.factory.redis!.ttl(`gltest-${name}:line-outbox:dead`);
      expect(ttl).toBeGreaterThan(29 * 86_400);
      expect(ttl).toBeLessThanOrEqual(30 * 86_400);
    } else await expect(stat(old)).rejects.toThrow(/ENOENT/);
    const list = sids.map((sid) => `'${sid}'`).join(',');
    expect(
      await count(`select count(*)::int as n from call_records where call_sid in (${list})`),
    ).toBe(20);
  });

  it('a kept turn outlives its process, and committing it twice records it once', async () => {
    const name = randomBytes(4).toString('hex');
    const first = outboxes[kind]!(name);
    const writes = greeting(`CA${kind}kept`);
    writes.events.push({
      kind: 'visit',
      node: 'menu',
      detail: {},
      dedupeKey: `CA${kind}kept/visit/x/0`,
    });
    await first.keep(writes);
    // Another process (a new outbox on the same store) finds it and replays it.
    const again = outboxes[kind]!(name);
    const [entry] = await again.due(10, Date.now());
    expect(entry?.writes).toMatchObject({ key: writes.key, callSid: writes.callSid });
    await again.keep(writes);
    const breaker = new DatabaseBreaker();
    await replayOutbox({ deps: t.deps, breaker, outbox: again }, log);
    await again.keep(writes);
    await replayOutbox({ deps: t.deps, breaker, outbox: again }, log);
    const events = await count(
      `select count(*)::int as n from call_events where call_sid = 'CA${kind}kept'`,
    );
    expect(events).toBe(2); // the greeting and the menu visit, once each
    expect(await again.size()).toBe(0);
  });

  it('PostgreSQL unreachable: the pass stops, the breaker opens, nothing is lost', async () => {
    const outbox = outboxes[kind]!();
    await outbox.keep(greeting(`CA${kind}later`));
    const breaker = new DatabaseBreaker();
    // A real pool to a port where nothing listens: the connection is refused.
    const nowhere = openDatabase('postgres://postgres@127.0.0.1:1/nowhere');
    const pass = await replayOutbox({ deps: { ...t.deps, db: nowhere }, breaker, outbox }, log);
    await nowhere.close();
    expect(pass).toEqual({ committed: 0, deadLetters: 0, postponed: 0 });
    expect(breaker.isOpen()).toBe(true);
    expect(await outbox.size()).toBe(1);
  });
});
