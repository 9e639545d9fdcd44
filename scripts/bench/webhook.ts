/**
 * Webhook benchmark: signed POST /twilio/voice for new calls (territory lookup, on-duty
 * resolution, call record insert, TwiML) at 50 and 200 connections, against a bare express
 * route answering constant TwiML as the ceiling. Load comes from this process; the service
 * runs in another (webhook-server.ts).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import postgres from 'postgres';
import twilio from 'twilio';

const token = 'bench-auth-token-0123456789';
const seconds = Number(process.env.BENCH_SECONDS ?? 10);

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS'));
  return Math.round(Number(line?.replace(/\D/g, '') ?? 0) / 1024);
}

// One counter for every run: each request is a new call with a CallSid of its own.
let n = 0;

function signedRequest(url: string, i: number): { body: string; headers: Record<string, string> } {
  const params = {
    CallSid: `CA${String(i).padStart(32, '0')}`,
    AccountSid: 'AC' + '0'.repeat(32),
    From: `+3361234${String(i % 10000).padStart(4, '0')}`,
    To: '+33261910015',
    CallStatus: 'ringing',
    Direction: 'inbound',
  };
  return {
    body: new URLSearchParams(params).toString(),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': twilio.getExpectedTwilioSignature(token, url, params),
    },
  };
}

/**
 * The ceiling and the full path get the same signed requests, built before the clock starts, so
 * the load generator (on the same two cores) does the same small work per request for both.
 */
async function load(url: string, connections: number) {
  const first = n;
  const prepared = Array.from({ length: seconds * 12_000 }, (_, i) =>
    signedRequest(url, first + i + 1),
  );
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    method: 'POST',
    requests: [
      {
        setupRequest: (req) => {
          n += 1;
          return { ...req, ...(prepared[n - first - 1] ?? signedRequest(url, n)) };
        },
      },
    ],
  });
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
    sent: n - first,
  };
}

export async function benchWebhook(): Promise<Record<string, string>> {
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : []),
      '--import',
      'tsx',
      new URL('./webhook-server.ts', import.meta.url).pathname,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const ready = await new Promise<{ port: number; ceilingPort: number; pid: number }>((resolve) => {
    createInterface({ input: child.stdout! }).on(
      'line',
      (line) => line.startsWith('{') && resolve(JSON.parse(line)),
    );
  });
  const out: Record<string, string> = { 'RSS idle': `${rssMb(ready.pid)} MB` };
  let sent = 0;
  try {
    for (const connections of [50, 200]) {
      const ceiling = process.env.BENCH_PROFILE
        ? { rps: 1, p50: 0, p99: 0, errors: 0 }
        : await load(`http://127.0.0.1:${ready.ceilingPort}/twilio/voice`, connections);
      const full = await load(`http://127.0.0.1:${ready.port}/twilio/voice`, connections);
      sent += full.sent;
      out[`ceiling @${connections}`] =
        `${ceiling.rps} req/s, p50 ${ceiling.p50} ms, p99 ${ceiling.p99} ms, ${ceiling.errors} errors`;
      out[`full path @${connections}`] =
        `${full.rps} req/s, p50 ${full.p50} ms, p99 ${full.p99} ms, ${full.errors} errors (${Math.round((100 * full.rps) / ceiling.rps)} % of ceiling)`;
      if (connections === 200) out['RSS after 200-connection load'] = `${rssMb(ready.pid)} MB`;
    }
    // Every answered webhook must have written its call record (a silent failure would flatter the figures).
    const bench = new URL(
      process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    );
    bench.pathname = '/gardeline_bench';
    // Under overload the database breaker defers call-record writes and replays them: wait for it.
    const sql = postgres(bench.toString(), { max: 1 });
    let written = -1;
    for (let previous = -2; written !== previous; await new Promise((r) => setTimeout(r, 3000))) {
      previous = written;
      written = (await sql`select count(*)::int as n from call_records`)[0]!.n as number;
    }
    await sql.end();
    out['call records written / requests sent'] = `${written} / ${sent}`;
  } finally {
    child.kill('SIGTERM');
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) console.table(await benchWebhook());
