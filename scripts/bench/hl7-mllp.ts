/**
 * Hospital feed benchmark: BENCH_HL7 (10,000) PAM-FR ADT messages over ONE MLLP connection to the
 * listener (server/hospital/hl7/) on a real PostgreSQL and Redis, 2,000 stays of five movements
 * (A05, A01, A21, A22, A03). Two ways of sending: one message at a time, each after the previous
 * ACK (what MLLP senders do), and pipelined (a window of messages in flight on the connection,
 * still applied in order). Reports messages per second, ACK latency, and the time from the ACK
 * to the 'hospital-stay-notice' job (bullmq's job.timestamp: when the add started, right after
 * the commit, so usually before the ACK reaches the sender) and from the last ACK until every add
 * is confirmed by Redis. The GP notice processor is another room's, not run here: ACK → notice
 * e-mail is not measured.
 */
import { performance } from 'node:perf_hooks';
import { eq } from 'drizzle-orm';
import { hl7Messages, stayMovements } from '../../db/schema/index.js';
import { fixture, type FixtureName } from '../../test/hospital/fixtures.js';
import { startHospitalFeed, type HospitalFeed } from '../../test/hospital/hospital-feed.js';

const total = Number(process.env.BENCH_HL7 ?? 10_000);
const story: FixtureName[] = [
  'a05-pre-admission',
  'a01-admission',
  'a21-leave',
  'a22-return',
  'a03-discharge',
];

function messages(run: string): { controlId: string; bytes: Buffer }[] {
  return Array.from({ length: total }, (_, i) => {
    const controlId = `${run}${i}`;
    const visit = `${run}V${Math.floor(i / story.length)}`;
    return { controlId, bytes: fixture(story[i % story.length]!, { visit, controlId }) };
  });
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const ms = (n: number) => `${n.toFixed(1)} ms`;

async function run(feed: HospitalFeed, name: string, window: number) {
  const batch = messages(name);
  const hospital = await feed.connect();
  const ackedAt = new Map<string, number>();
  const latencies: number[] = [];
  let refused = 0;
  const t0 = performance.now();
  for (let i = 0; i < batch.length; i += window) {
    await Promise.all(
      batch.slice(i, i + window).map(async ({ controlId, bytes }) => {
        const sent = performance.now();
        const ack = await hospital.send(bytes);
        const at = performance.now();
        latencies.push(at - sent);
        ackedAt.set(controlId, performance.timeOrigin + at);
        if (!ack.includes('MSA|AA|')) refused += 1;
      }),
    );
  }
  const lastAck = performance.now();
  const seconds = (lastAck - t0) / 1000;
  // Every add confirmed by Redis (the listener tracks them): how far the queue trails the ACKs.
  await feed.listener.idle();
  const trailing = performance.now() - lastAck;
  await hospital.close();

  // Each movement's job: its enqueue time (bullmq's job.timestamp) against its message's ACK.
  const rows = await feed.t.db.db
    .select({ movementId: stayMovements.id, controlId: hl7Messages.controlId })
    .from(stayMovements)
    .innerJoin(hl7Messages, eq(hl7Messages.id, stayMovements.messageId));
  const controlOf = new Map(rows.map((r) => [r.movementId, r.controlId]));
  const queue = feed.t.deps.jobs.queues.reminders;
  const toJob: number[] = [];
  for (let start = 0; ; start += 1000) {
    const jobs = await queue.getJobs(['waiting'], start, start + 999);
    if (jobs.length === 0) break;
    for (const job of jobs) {
      const acked = ackedAt.get(controlOf.get(job.data.movementId) ?? '');
      if (acked !== undefined) toJob.push(job.timestamp - acked);
    }
  }
  await queue.drain();
  latencies.sort((a, b) => a - b);
  toJob.sort((a, b) => a - b);
  return {
    [`${name}: ${total} messages, window ${window}`]: `${Math.round(total / seconds)} msg/s (${seconds.toFixed(1)} s), ${refused} not AA`,
    [`${name}: ACK latency`]: `p50 ${ms(quantile(latencies, 0.5))}, p99 ${ms(quantile(latencies, 0.99))}`,
    [`${name}: ACK → notice job added`]: `${toJob.length} jobs, p50 ${ms(quantile(toJob, 0.5))}, p99 ${ms(quantile(toJob, 0.99))}, max ${ms(toJob.at(-1)!)}`,
    [`${name}: last ACK → every add confirmed`]: ms(trailing),
  };
}

export async function benchHl7(): Promise<Record<string, string>> {
  const feed = await startHospitalFeed();
  try {
    return { ...(await run(feed, 'one-at-a-time', 1)), ...(await run(feed, 'pipelined', 50)) };
  } finally {
    await feed.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.table(await benchHl7());
  process.exit(0);
}
