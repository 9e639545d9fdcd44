/**
 * The new-call webhook (signed POST /twilio/voice) on the production shape: `npm start`
 * processes on shared PostgreSQL and Redis (whatever live-call store the service picks from
 * REDIS_URL), the test cluster of test/support/cluster.ts.
 * - Closed loop, 50 connections, 10 s (BENCH_SECONDS): a bare express route answering constant
 *   TwiML (the ceiling, its own process), one instance directly, and two instances behind nginx.
 * - Open loop: a constant arrival rate (autocannon `overallRate`, BENCH_RATE=300 new calls/s for
 *   BENCH_OPEN_SECONDS=30 s) through nginx, p50 and p99.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { count } from 'drizzle-orm';
import twilio from 'twilio';
import { seedDemo } from '../../db/seed/seed-demo.js';
import { callRecords } from '../../db/schema/index.js';
import { startCluster, type Cluster } from '../../test/support/cluster.js';

const night = new Date('2026-11-24T21:00:00Z');
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const rate = Number(process.env.BENCH_RATE ?? 300);
const openSeconds = Number(process.env.BENCH_OPEN_SECONDS ?? 30);

let n = 0;
function signed(c: Cluster, i: number): { body: string; headers: Record<string, string> } {
  const params = {
    CallSid: `CA${String(i).padStart(32, '0')}`,
    AccountSid: c.emulator.accountSid,
    From: `+3361234${String(i % 10000).padStart(4, '0')}`,
    To: '+33261910015',
    CallStatus: 'ringing',
    Direction: 'inbound',
  };
  return {
    body: new URLSearchParams(params).toString(),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      // Every instance checks signatures against PUBLIC_URL (nginx), wherever the request lands.
      'x-twilio-signature': twilio.getExpectedTwilioSignature(
        c.emulator.authToken,
        `${c.url}/twilio/voice`,
        params,
      ),
    },
  };
}

async function load(
  c: Cluster,
  base: string,
  options: { connections: number; duration: number; overallRate?: number },
) {
  const first = n;
  const total = options.overallRate
    ? options.overallRate * options.duration + 100
    : options.duration * 12_000;
  const prepared = Array.from({ length: total }, (_, i) => signed(c, first + i + 1));
  const result = await autocannon({
    url: `${base}/twilio/voice`,
    method: 'POST',
    ...options,
    requests: [
      {
        setupRequest: (req) => {
          n += 1;
          return { ...req, ...(prepared[n - first - 1] ?? signed(c, n)) };
        },
      },
    ],
  });
  return {
    rps: Math.round(result.requests.average),
    text: `${Math.round(result.requests.average)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${result.errors + result.non2xx} errors (${result.timeouts} timeouts)`,
  };
}

async function startCeiling(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', new URL('./ceiling-server.ts', import.meta.url).pathname],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = await new Promise<number>((resolve) =>
    createInterface({ input: child.stdout! }).on('line', (line) => resolve(Number(line))),
  );
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') };
}

export async function benchWebhookCluster(): Promise<Record<string, string>> {
  const c = await startCluster({
    now: night,
    seed: async (db) => {
      await seedDemo(db.db, night);
    },
  });
  const ceiling = await startCeiling();
  const out: Record<string, string> = {};
  try {
    const bare = await load(c, ceiling.url, { connections: 50, duration: seconds });
    out['ceiling (bare express) @50'] = bare.text;
    const toCeiling = n;
    const one = await load(c, `http://${c.instances[0]!.address}`, {
      connections: 50,
      duration: seconds,
    });
    out['one instance @50'] =
      `${one.text} (${Math.round((100 * one.rps) / bare.rps)} % of ceiling)`;
    const two = await load(c, c.url, { connections: 50, duration: seconds });
    out['two instances behind nginx @50'] =
      `${two.text} (${Math.round((100 * two.rps) / bare.rps)} % of ceiling)`;
    const open = await load(c, c.url, {
      connections: 200,
      duration: openSeconds,
      overallRate: rate,
    });
    out[`open loop ${rate}/s × ${openSeconds} s, nginx + 2 instances`] = open.text;
    const sent = n - toCeiling;
    let written = -1;
    for (let previous = -2; written !== previous; await new Promise((r) => setTimeout(r, 3000))) {
      previous = written;
      written = (await c.db.db.select({ n: count() }).from(callRecords))[0]!.n;
    }
    out['call records written / requests sent (instances only)'] = `${written} / ${sent}`;
  } finally {
    ceiling.stop();
    await c.close();
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.table(await benchWebhookCluster());
  process.exit(0);
}
