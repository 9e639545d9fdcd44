import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresLiveCalls } from '../../server/line/call-state-postgres.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';

// A claim and the end of the same call, from two instances at the same moment: whichever order
// PostgreSQL runs them in, no professional may stay bridged to a call that has ended.
let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

describe('PostgreSQL: a claim racing the end of its call', () => {
  it('never leaves a professional bridged to an ended call', async () => {
    const a = new PostgresLiveCalls(db.sql);
    const b = new PostgresLiveCalls(db.sql);
    const stranded: string[] = [];
    for (let i = 0; i < 150; i++) {
      const callSid = `CA-race-${i}`;
      const pro = `pro-${i}`;
      const [claimed, freed] = await Promise.all([
        a.bridge({ professionalId: pro, callSid, legSid: null }, null),
        b.callEnded(callSid),
      ]);
      if (claimed && !freed.includes(pro) && (await a.isBusy(pro))) stranded.push(callSid);
    }
    expect(stranded).toEqual([]);
  });
});
