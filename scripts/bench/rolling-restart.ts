/**
 * Rolling restart under load: two `npm start` instances and a worker behind nginx (the test
 * cluster, test/support/cluster.ts), 200 patients calling over ~20 s; while they call, each
 * instance in turn gets SIGTERM (it drains) and is started again, as a deploy does. Counts dead
 * ends, Twilio webhook errors, call records written and promised callbacks stored.
 */
import { performance } from 'node:perf_hooks';
import { inArray } from 'drizzle-orm';
import { seedDemo } from '../../db/seed/seed-demo.js';
import { callbackRequests, callRecords } from '../../db/schema/index.js';
import { doctorContacts } from '../../server/line/contacts.js';
import { loadLineContext } from '../../server/line/line-context.js';
import { startCluster } from '../../test/support/cluster.js';
import { patientCalls, promisedCallbacks } from '../../test/support/patient.js';

const line = '+33261910015';
const night = new Date('2026-11-24T21:00:00Z');
const calls = Number(process.env.BENCH_CALLS ?? 200);
const spreadMs = Number(process.env.BENCH_SPREAD_MS ?? 20_000);
export async function benchRollingRestart(): Promise<Record<string, string>> {
  const c = await startCluster({
    now: night,
    timeScale: 0.02,
    harnessTimeoutMs: 120_000,
    seed: async (db) => {
      await seedDemo(db.db, night);
    },
  });
  try {
    for (const contact of doctorContacts((await loadLineContext(c.db.db, line, night))!, night))
      c.emulator
        .phone(contact.phone)
        .behave({ answer: 'auto', answerAfterMs: 500, autoPress: '1', oneCallAtATime: true });
    const t0 = performance.now();
    const placed = Array.from({ length: calls }, (_, i) =>
      new Promise((r) => setTimeout(r, (i * spreadMs) / calls)).then(() =>
        patientCalls(c, `+336${String(30_000_000 + i)}`, line),
      ),
    );
    // The deploy: one instance at a time, drained by SIGTERM, then started again.
    const restarts: string[] = [];
    await new Promise((r) => setTimeout(r, spreadMs / 5));
    for (const instance of c.instances) {
      const t = performance.now();
      await instance.kill('SIGTERM');
      const drained = performance.now() - t;
      await instance.restart();
      restarts.push(
        `${instance.name}: drained in ${(drained / 1000).toFixed(1)} s, back in ${((performance.now() - t) / 1000).toFixed(1)} s`,
      );
    }
    const results = await Promise.all(placed);
    const wall = (performance.now() - t0) / 1000;
    const sids = results.map((r) => r.sid);
    const read = () =>
      Promise.all([
        c.db.db
          .select({
            sid: callRecords.callSid,
            status: callRecords.status,
            outcome: callRecords.outcome,
          })
          .from(callRecords)
          .where(inArray(callRecords.callSid, sids)),
        c.db.db
          .select({ sid: callbackRequests.callSid })
          .from(callbackRequests)
          .where(inArray(callbackRequests.callSid, sids)),
      ]);
    // Deferred writes (the breaker's replay, an outbox) land late: read until two reads 3 s apart agree.
    let [records, stored] = await read();
    for (let tries = 0; tries < 10; tries += 1) {
      await new Promise((r) => setTimeout(r, 3000));
      const [r2, s2] = await read();
      const same =
        r2.length === records.length &&
        s2.length === stored.length &&
        r2.filter((r) => r.status === 'in-progress').length ===
          records.filter((r) => r.status === 'in-progress').length;
      [records, stored] = [r2, s2];
      if (same) break;
    }
    const storedSids = new Set(stored.map((s) => s.sid));
    const promisedSids = promisedCallbacks(c, sids);
    const dead = results.filter((r) => r.outcome === 'dead end');
    const count = (o: string) => results.filter((r) => r.outcome === o).length;
    const served = new Map<string, number>();
    for (const r of c.requests()) {
      const u = r.upstreams.at(-1) ?? '-';
      served.set(u, (served.get(u) ?? 0) + 1);
    }
    return {
      calls: String(calls),
      'rolling restart': restarts.join('; '),
      'connected to a doctor': String(count('connected')),
      'callback promised (caller told it is recorded)': String(count('callback')),
      'dead ends': `${dead.length}${dead[0] ? ` (first: ${dead[0].why})` : ''}`,
      'Twilio webhook errors (11200/12100/12300)': `${c.emulator.errors().length}${c.emulator.errors()[0] ? ` (first: ${c.emulator.errors()[0]!.message.slice(0, 80)})` : ''}`,
      'call records written': `${records.length} / ${calls} (still in-progress: ${records.filter((r) => r.status === 'in-progress').length}, no outcome: ${records.filter((r) => r.outcome === null).length})`,
      'promised callbacks stored': `${promisedSids.filter((s) => storedSids.has(s)).length} / ${promisedSids.length}`,
      'webhooks per instance (nginx)': [...served].map(([u, n]) => `${u} ${n}`).join(', '),
      'nginx errors (refused / reset / premature close / timed out / no live upstream)': [
        /Connection refused/,
        /reset by peer/,
        /prematurely closed/,
        /timed out/,
        /no live upstreams/,
      ]
        .map(
          (re) =>
            c
              .proxyErrors()
              .split('\n')
              .filter((l) => re.test(l)).length,
        )
        .join(' / '),
      'unexpected exits': String(
        [...c.instances, c.worker].filter((p) => /exited unexpectedly/.test(p.output())).length,
      ),
      'wall time': `${wall.toFixed(1)} s`,
    };
  } finally {
    await c.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.table(await benchRollingRestart());
  process.exit(0);
}
