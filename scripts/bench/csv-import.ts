/**
 * CSV import benchmark: a 5,000-row rota file posted to the real app (real PostgreSQL), and a
 * refused file of 5,000 rows all overlapping. Measures the total time and the longest the event
 * loop was held (perf_hooks.monitorEventLoopDelay, 10 ms resolution), which is what the patient
 * line's webhooks would wait behind. `npx tsx scripts/bench/csv-import.ts`.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import request from 'supertest';
import { defaultDoctorTemplate } from '../../db/seed/demo-territory.js';
import { createTestApp } from '../../test/support/app.js';
import {
  aManager,
  aProfessional,
  aService,
  aTerritory,
  type Professional,
} from '../../test/support/factories.js';

const rows = 5_000;
const now = new Date('2026-11-24T10:00:00Z');

async function timed(run: () => Promise<{ status: number }>) {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  // A 5 ms ticker as well: when, in the request, the longest gap happened (parse or writes).
  let last = performance.now();
  let worst = { gap: 0, at: 0 };
  const started = performance.now();
  const ticker = setInterval(() => {
    const at = performance.now();
    if (at - last > worst.gap) worst = { gap: at - last, at: at - started };
    last = at;
  }, 5);
  const res = await run();
  const total = performance.now() - started;
  clearInterval(ticker);
  histogram.disable();
  return {
    status: res.status,
    'total (s)': (total / 1000).toFixed(1),
    // The histogram records how late each 10 ms tick fired: its max is the longest block.
    'longest event-loop block (ms)': (histogram.max / 1e6).toFixed(0),
    'p99 delay (ms)': (histogram.percentile(99) / 1e6).toFixed(0),
    'longest gap ended at (s)': (worst.at / 1000).toFixed(1),
  };
}

export async function benchCsvImport() {
  const t = await createTestApp({ now });
  try {
    const db = t.db.db;
    const territory = await aTerritory(db);
    const service = await aService(db, territory, { template: defaultDoctorTemplate });
    const doctors: Professional[] = [];
    for (let i = 0; i < 40; i++) doctors.push(await aProfessional(db, service));
    const manager = `Bearer ${(await aManager(db, territory)).token}`;
    const head = 'service,date,debut,fin,professionnel,niveau';
    // 556 nights from 2027-01-01, levels 1–9 each, a doctor every ~4 nights: all valid.
    const day = (i: number) =>
      new Date(Date.UTC(2027, 0, 1 + Math.floor(i / 9))).toISOString().slice(0, 10);
    const valid = Array.from(
      { length: rows },
      (_, i) => `${service.name},${day(i)},20:00,08:00,${doctors[i % 40]!.mobile},${1 + (i % 9)}`,
    );
    const overlapping = Array.from(
      { length: rows },
      () => `${service.name},2027-01-05,20:00,08:00,${doctors[0]!.mobile},1`,
    );
    const post = (lines: string[]) => () =>
      request(t.app)
        .post(`/api/services/${service.id}/shifts.csv`)
        .set('Authorization', manager)
        .set('Content-Type', 'text/csv')
        .send([head, ...lines].join('\n'));
    // A warm-up of 20 rows on another year first: module loading and JIT are not what we measure.
    const warmUp = Array.from(
      { length: 20 },
      (_, i) => `${service.name},2030-01-${String(1 + i).padStart(2, '0')},20:00,08:00,,1`,
    );
    await post(warmUp)();
    return [
      { file: `${rows} rows, all imported`, ...(await timed(post(valid))) },
      { file: `${rows} rows overlapping (refused)`, ...(await timed(post(overlapping))) },
    ];
  } finally {
    await t.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.table(await benchCsvImport());
  process.exit(0);
}
