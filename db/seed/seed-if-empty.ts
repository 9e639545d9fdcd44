import { sql } from 'drizzle-orm';
import type { Database } from '../client.js';
import { territories } from '../schema/index.js';
import { seedDemo, type DemoSeedResult } from './seed-demo.js';

/**
 * On the embedded default: the demo territory on an empty database, and a rota topped up to
 * 90 days on later starts. A database that holds other territories is left alone.
 */
export async function seedDemoIfEmpty(db: Database, now: Date): Promise<DemoSeedResult | null> {
  const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(territories);
  const [demo] = await db
    .select({ id: territories.id })
    .from(territories)
    .where(sql`${territories.slug} = 'pays-auray'`);
  if ((row?.count ?? 0) > 0 && !demo) return null;
  return seedDemo(db, now);
}
