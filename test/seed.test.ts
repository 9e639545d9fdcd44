import { count, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../db/seed/seed-demo.js';
import { professionals, shifts, territories } from '../db/schema/index.js';
import { createTestDatabase, type TestDatabase } from './support/db.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

describe('demo seed', () => {
  it('creates Pays d’Auray with ~20 professionals and a filled 90-day rota, and is idempotent', async () => {
    const now = new Date('2026-11-23T10:00:00Z');
    const first = await seedDemo(db.db, now);
    expect(first).toMatchObject({
      created: true,
      territoryName: "Pays d'Auray",
      publicNumber: '+33261910015',
    });
    expect(first.shiftsCreated).toBeGreaterThan(180);
    // The pays d'Auray's people of the shipped national extraction (those in Vannes, Lorient… not).
    expect(first.directoryCreated).toBe(34);
    const [people] = await db.db.select({ n: count() }).from(professionals);
    expect(people!.n).toBe(20);
    const [open] = await db.db
      .select({ n: count() })
      .from(shifts)
      .where(isNull(shifts.professionalId));
    expect(open!.n).toBe(0);

    const again = await seedDemo(db.db, now);
    expect(again).toMatchObject({ created: false, shiftsCreated: 0, directoryCreated: 0 });
    const [territoryCount] = await db.db
      .select({ n: count() })
      .from(territories)
      .where(eq(territories.slug, 'pays-auray'));
    expect(territoryCount!.n).toBe(1);
  });
});
