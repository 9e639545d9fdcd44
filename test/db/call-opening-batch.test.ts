import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallOpeningBatch } from '../../server/line/call-opening-batch.js';
import type { NewCall } from '../../server/line/call-record-store.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';

const greeting = { kind: 'visit', node: 'greeting' };
const call = (sid: string, territoryId: string | null = null): NewCall => ({
  callSid: sid,
  territoryId,
  fromNumber: '+33612345678',
  toNumber: '+33261910015',
  callerHidden: false,
  startedAt: new Date('2026-11-24T21:00:00Z'),
});

describe('the group-committed opening of new calls (real PostgreSQL)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db?.drop());

  const count = async (table: 'call_records' | 'call_events', prefix: string) =>
    (
      await db.sql`select count(*)::int as n from ${db.sql(table)} where call_sid like ${prefix + '%'}`
    )[0]!.n as number;

  it('writes every call of a burst, with its first event, in fewer statements than calls', async () => {
    const batch = new CallOpeningBatch(db.sql, 1);
    await Promise.all(
      Array.from({ length: 300 }, (_, i) => batch.open(call(`CAburst${i}`), greeting)),
    );
    expect(await count('call_records', 'CAburst')).toBe(300);
    expect(await count('call_events', 'CAburst')).toBe(300);
    expect(batch.statements).toBeLessThan(300);
    const [event] =
      await db.sql`select kind, node, dedupe_key from call_events where call_sid = 'CAburst7'`;
    expect(event).toMatchObject({
      kind: 'visit',
      node: 'greeting',
      dedupe_key: 'CAburst7/greeting',
    });
  });

  it('keeps one record when Twilio retries a webhook inside the same batch or later', async () => {
    const batch = new CallOpeningBatch(db.sql, 1);
    await Promise.all([
      batch.open(call('CAretry0'), greeting),
      batch.open(call('CAretry1'), greeting),
      batch.open(call('CAretry1'), greeting),
      batch.open(call('CAretry1'), greeting),
    ]);
    await batch.open(call('CAretry1'), greeting);
    expect(await count('call_records', 'CAretry')).toBe(2);
    expect(await count('call_events', 'CAretry')).toBe(2);
  });

  it('a bad row fails alone: its neighbours in the batch are written and resolve', async () => {
    const batch = new CallOpeningBatch(db.sql, 1);
    // A territory that does not exist breaks the foreign key of that one record.
    const results = await Promise.allSettled([
      batch.open(call('CApoison-a'), greeting),
      batch.open(call('CApoison-b'), greeting),
      batch.open(call('CApoison-x', '00000000-0000-4000-8000-000000000000'), greeting),
      batch.open(call('CApoison-c'), greeting),
    ]);
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect(await count('call_records', 'CApoison')).toBe(3);
  });
});
