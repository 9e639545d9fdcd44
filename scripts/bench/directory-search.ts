/**
 * Shared directory search benchmark: 10,000 people in one territory (and 2,000 in another, which
 * no search of the first may read), then 200 searches of the kinds people type (a name, a name
 * and a commune, a specialty, a structure, filters alone, a browse of the first pages), timed
 * through the store query and through GET /api/directory/entries on a listening server (real
 * PostgreSQL). Prints p50/p95 and the plan of a typical search. `npx tsx scripts/bench/directory-search.ts`.
 */
import { once } from 'node:events';
import { loadavg } from 'node:os';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import type { Actor } from '../../server/access/actor.js';
import { directorySearch } from '../../server/directory/shared/schema.js';
import { directoryEntriesFor, directoryPageQuery } from '../../server/directory/shared/store.js';
import { createTestApp } from '../../test/support/app.js';
import { aTerritory, aUser } from '../../test/support/factories.js';
import { communes, firstNames, insertPeople, lastNames } from './directory-people.js';

const people = Number(process.env.BENCH_ENTRIES ?? 10_000);
const searches = 200;
/** The searches, in the shape of the API's query string. */
function searchMix(): string[] {
  const kinds = [
    (i: number) =>
      `q=${encodeURIComponent(lastNames[i % lastNames.length]!.toLowerCase().slice(0, 5))}`,
    (i: number) =>
      `q=${encodeURIComponent(`${firstNames[i % firstNames.length]} ${lastNames[(i * 3) % lastNames.length]}`)}`,
    (i: number) =>
      `q=${encodeURIComponent(`${lastNames[i % lastNames.length]!.toLowerCase()} ${communes[i % communes.length]!.name}`)}`,
    () => 'q=rhumatologie',
    (i: number) => `q=pneumo&commune=${communes[i % communes.length]!.insee}`,
    () => 'q=maison+de+sante',
    () => 'specialty=SM48',
    (i: number) => `profession=60&page=${1 + (i % 5)}`,
    (i: number) => `page=${1 + (i % 10)}`,
    (i: number) => `q=guegen&gone=1&page=${1 + (i % 2)}`,
  ];
  return Array.from({ length: searches }, (_, i) => kinds[i % kinds.length]!(i));
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const figures = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  return {
    'p50 (ms)': percentile(s, 50).toFixed(1),
    'p95 (ms)': percentile(s, 95).toFixed(1),
    'max (ms)': s[s.length - 1]!.toFixed(1),
  };
};

export async function benchDirectorySearch() {
  const t = await createTestApp({ now: new Date('2026-11-24T10:00:00Z') });
  try {
    const db = t.db.db;
    const territory = await aTerritory(db);
    const started = performance.now();
    await insertPeople(db, territory.id, people);
    await insertPeople(db, (await aTerritory(db)).id, Math.round(people / 5));
    const insertSeconds = (performance.now() - started) / 1000;
    // As autovacuum does after an import: new rows wait in the GIN index's pending list, which
    // the planner prices high (it then scans the table instead of using the trigram index).
    await db.execute(sql`vacuum analyze directory_entries`);
    await db.execute(sql`vacuum analyze directory_places`);
    const pro = await aUser(db, 'professional', { territories: [territory] });
    // Other work on the machine moves these figures a lot: say how busy it was.
    console.log(
      `load average before the searches: ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    const actor: Actor = {
      userId: pro.user.id,
      email: pro.user.email,
      name: 'bench',
      role: 'professional',
      territoryIds: [territory.id],
      professionalId: null,
    };
    const mix = searchMix();
    // Warm-up: module loading, JIT, PostgreSQL's caches are not what we measure.
    for (const q of mix.slice(0, 20))
      await directoryEntriesFor(
        db,
        actor,
        directorySearch.parse(Object.fromEntries(new URLSearchParams(q))),
      );
    const store: number[] = [];
    let found = 0;
    for (const q of mix) {
      const t0 = performance.now();
      const r = await directoryEntriesFor(
        db,
        actor,
        directorySearch.parse(Object.fromEntries(new URLSearchParams(q))),
      );
      store.push(performance.now() - t0);
      found += r.entries.length;
    }
    // Per kind of search (the mix cycles through the kinds): which ones cost.
    const kinds = new Map<string, number[]>();
    mix.forEach((q, i) => {
      const kind = q.replace(/=[^&]*/g, '=…');
      kinds.set(kind, [...(kinds.get(kind) ?? []), store[i]!]);
    });
    console.table([...kinds].map(([kind, ms]) => ({ kind, ...figures(ms) })));
    const server = t.app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const api: number[] = [];
    for (const q of mix) {
      const t0 = performance.now();
      const res = await fetch(`${base}/api/directory/entries?${q}`, {
        headers: { Authorization: `Bearer ${pro.token}` },
      });
      await res.json();
      if (res.status !== 200) throw new Error(`${q}: ${res.status}`);
      api.push(performance.now() - t0);
    }
    server.close();
    // The plans of the app's own query (store.ts), for a two-word search and a browse; the
    // search again with sequential scans off, to show what the trigram index path costs.
    const plans: Record<string, { scan: string; 'execution (ms)': string }> = {};
    for (const [q, seqscan] of [
      ['q=lefev+dijon', 'on'],
      ['q=lefev+dijon', 'off'],
      ['page=5', 'on'],
    ] as const) {
      const criteria = directorySearch.parse(Object.fromEntries(new URLSearchParams(q)));
      const query = directoryPageQuery(db, actor, criteria).toSQL();
      const plan = await t.db.sql.begin(async (tx) => {
        await tx.unsafe(`set local enable_seqscan = ${seqscan}`);
        return tx.unsafe(`explain analyze ${query.sql}`, query.params as string[]);
      });
      const lines = plan.map((r) => String(r['QUERY PLAN']));
      if (process.env.BENCH_PLANS)
        console.log(`plan of ${q}, seqscan ${seqscan}:\n${lines.join('\n')}`);
      const text = lines.join('\n');
      plans[`${q} (seqscan ${seqscan})`] = {
        scan: /(Bitmap Index Scan on \w+|Seq Scan on \w+)/.exec(text)?.[1] ?? '?',
        'execution (ms)': /Execution Time: ([\d.]+)/.exec(text)?.[1] ?? '?',
      };
    }
    console.table(plans);
    return [
      {
        what: `insert ${people} + ${Math.round(people / 5)} entries with places`,
        'total (s)': insertSeconds.toFixed(1),
      },
      { what: `${searches} searches, store query`, ...figures(store), 'rows returned': found },
      { what: `${searches} searches, GET /api/directory/entries`, ...figures(api) },
    ];
  } finally {
    await t.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.table(await benchDirectorySearch());
  process.exit(0);
}
