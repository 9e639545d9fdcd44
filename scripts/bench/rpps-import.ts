/**
 * National register import benchmark: an extraction of 200,000 activity rows (100,000 people, two
 * places each, a person's rows 100,000 lines apart) and its savoir-faire file, generated in a
 * temporary directory with a streamed write, imported into a fresh database for a territory whose
 * communes hold ~6 % of the rows. Reports time, rows/s and peak RSS: the national file is ~2.3
 * million rows, and the import must stream it, never hold it. Then the same file again (every
 * person unchanged: no write). `npx tsx scripts/bench/rpps-import.ts` (`BENCH_RPPS_ROWS`, and
`BENCH_RPPS_COMMUNES`: the territory's communes out of 500, 30 by default).
 */
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { importNationalRegister } from '../../server/directory/national/run-import.js';
import { createTestDatabase } from '../../test/support/db.js';
import { aTerritory } from '../../test/support/factories.js';
import {
  activityHeaderLine,
  activityLine,
  identity,
  savoirFaireHeaderLine,
  savoirFaireLine,
} from '../../test/fixtures/rpps/extraction-lines.js';

const rows = Number(process.env.BENCH_RPPS_ROWS ?? 200_000);
const people = rows / 2;
// 500 communes across the country; the territory is 30 of them (6 % of the rows).
const communes = Array.from(
  { length: 500 },
  (_, i) => `${String(1 + (i % 95)).padStart(2, '0')}${String(100 + i).padStart(3, '0')}`,
);
const territoryCommunes = communes.slice(0, Number(process.env.BENCH_RPPS_COMMUNES ?? 30));
const specialties = ['SM54', 'SM54', 'SM54', 'SM48', 'SM41', 'SM04', 'SM40', ''];

async function writeLines(path: string, count: number, line: (i: number) => string, head: string) {
  const out = createWriteStream(path);
  out.write(`${head}\n`);
  for (let i = 0; i < count; i++) if (!out.write(`${line(i)}\n`)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

const who = (n: number) => identity(String(10_000_000_000 + n), 'DR', `NOM${n}`, `Prénom${n % 97}`);

async function generate(dir: string) {
  const activity = join(dir, 'PS_LibreAcces_Personne_activite.txt');
  const savoirFaire = join(dir, 'PS_LibreAcces_SavoirFaire.txt');
  await writeLines(
    activity,
    rows,
    (i) => {
      const n = i % people;
      const commune = communes[(n * 7 + Math.floor(i / people) * 13) % communes.length]!;
      return activityLine({
        ...who(n),
        'Code profession': n % 5 === 0 ? '60' : '10',
        'Code savoir-faire': specialties[n % specialties.length],
        'Raison sociale site': `CABINET ${n % 1000}`,
        'Identifiant technique de la structure': `R${commune}${n % 1000}`,
        'Numéro Voie (coord. structure)': String(1 + (n % 90)),
        'Libellé Voie (coord. structure)': 'Rue de la Gare',
        'Code postal (coord. structure)': `${commune.slice(0, 2)}000`,
        'Code commune (coord. structure)': commune,
        'Libellé commune (coord. structure)': `Commune ${commune}`,
        'Téléphone (coord. structure)': `0261910${String(n % 1000).padStart(3, '0')}`,
      });
    },
    activityHeaderLine(),
  );
  await writeLines(
    savoirFaire,
    people,
    (n) => savoirFaireLine({ ...who(n), 'Code savoir-faire': specialties[n % specialties.length] }),
    savoirFaireHeaderLine(),
  );
  return { activity, savoirFaire };
}

const mb = (bytes: number) => Math.round(bytes / 2 ** 20);

export async function benchRppsImport() {
  const dir = mkdtempSync(join(tmpdir(), 'bench-rpps-'));
  const db = await createTestDatabase();
  try {
    const generatedAt = performance.now();
    const files = await generate(dir);
    const generation = (performance.now() - generatedAt) / 1000;
    const territory = await aTerritory(db.db, { inseeCommunes: territoryCommunes });
    const results = [];
    for (const run of ['first import', 'same file again']) {
      global.gc?.();
      const before = process.memoryUsage().rss;
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
      const started = performance.now();
      const cpu = process.cpuUsage();
      const report = await importNationalRegister(
        db.db,
        territory.id,
        { person: { path: files.activity }, savoirFaire: { path: files.savoirFaire } },
        { dirs: [dir], actor: { userId: null, label: 'bench' }, now: () => new Date() },
      );
      const seconds = (performance.now() - started) / 1000;
      const used = process.cpuUsage(cpu);
      clearInterval(sampler);
      results.push({
        run,
        'activity rows': report.personRows,
        'savoir-faire rows': report.savoirFaireRows,
        'people kept': report.created + report.updated + report.unchanged,
        'created / unchanged': `${report.created} / ${report.unchanged}`,
        'total (s)': seconds.toFixed(1),
        // This process's CPU (parse, hashing, queries' client side): steadier than wall time on a
        // shared machine; PostgreSQL's own work is in the wall time only.
        'CPU (s)': ((used.user + used.system) / 1e6).toFixed(1),
        'rows/s': Math.round((report.personRows + report.savoirFaireRows) / seconds),
        'RSS before → peak (MB)': `${mb(before)} → ${mb(peak)}`,
      });
    }
    console.log(
      `files: ${mb(statSync(files.activity).size)} MB + ${mb(statSync(files.savoirFaire).size)} MB, written in ${generation.toFixed(1)} s; process maxRSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
    );
    return results;
  } finally {
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.table(await benchRppsImport());
  process.exit(0);
}
