/**
 * Whole calls through the Twilio emulator: N patients call the line at once at night, press 1;
 * the on-duty doctors' phones (no call waiting: one patient at a time) answer and press 1; callers
 * offered to hold because the doctor is busy choose the callback. Every call must end with a person, a recorded callback or
 * a spoken instruction, and Twilio (the emulator) must log no webhook error.
 */
import { performance } from 'node:perf_hooks';
import { seedDemo } from '../../db/seed/seed-demo.js';
import { doctorContacts } from '../../server/line/contacts.js';
import { loadLineContext } from '../../server/line/line-context.js';
import { startLiveService } from '../../test/support/live.js';

const line = '+33261910015';
const calls = Number(process.env.BENCH_CALLS ?? 500);
const night = new Date('2026-11-24T21:00:00Z');

export async function benchCalls(): Promise<Record<string, string>> {
  const s = await startLiveService({
    now: night,
    timeScale: 0.01,
    env: { ROTA_CACHE_SECONDS: '5' },
  });
  try {
    await seedDemo(s.db.db, night);
    for (const c of doctorContacts((await loadLineContext(s.db.db, line, night))!, night))
      s.emulator
        .phone(c.phone)
        .behave({ answer: 'auto', answerAfterMs: 500, autoPress: '1', oneCallAtATime: true });
    // Server time: from a webhook's arrival to the end of its answer, summed over every webhook.
    const handling: number[] = [];
    s.server.prependListener('request', (_req, res) => {
      const start = performance.now();
      res.once('finish', () => handling.push(performance.now() - start));
    });
    let webhooks = 0;
    const placeCall = async (i: number): Promise<string> => {
      const call = await s.emulator.phone(`+336${String(20_000_000 + i)}`).dial(line);
      await call.hears(/tapez 1/i, { timeoutMs: 120_000 });
      await call.press('1');
      const next = await call.hears(/Nous appelons|autre patient/, { timeoutMs: 120_000 });
      if (/autre patient/.test(next)) {
        await call.press('2');
        await call.hears(/rappel est enregistrée/, { timeoutMs: 120_000 });
        await call.ended({ timeoutMs: 120_000 });
        return 'callback';
      }
      // Connected when bridged to a doctor's phone; otherwise the call must have ended on a message.
      for (
        let waited = 0;
        waited < 60_000 && call.status === 'in-progress' && !call.connectedTo();
        waited += 50
      )
        await new Promise((r) => setTimeout(r, 50));
      const connected = call.connectedTo() !== null;
      if (call.status === 'in-progress') await call.hangup();
      const last = call.transcript().at(-1) ?? '';
      return connected
        ? 'connected'
        : /demande de rappel est enregistrée/.test(last)
          ? 'callback (nobody free)'
          : `ended on: ${last.slice(0, 60)}`;
    };

    // The server's own work for one call: calls one after another, every webhook of each timed.
    const alone = 20;
    for (let i = 0; i < alone; i += 1) {
      await placeCall(100_000 + i);
      await new Promise((r) => setTimeout(r, 300)); // the last status callbacks of the call
    }
    const aloneMs = handling.splice(0).reduce((a, b) => a + b, 0) / alone;

    const t0 = performance.now();
    const outcomes = await Promise.all(
      Array.from({ length: calls }, (_, i) =>
        placeCall(i).catch((err: Error) => `failed: ${err.message.slice(0, 80)}`),
      ),
    );
    const seconds = (performance.now() - t0) / 1000;
    webhooks = s.emulator.calls().reduce((n, c) => n + c.timeline.length, 0);
    const count = (o: string) => outcomes.filter((x) => x === o).length;
    const failed = outcomes.filter((x) => x.startsWith('failed'));
    const messages = outcomes.filter((x) => x.startsWith('ended on'));
    handling.sort((a, b) => a - b);
    const at = (q: number) =>
      handling[Math.min(handling.length - 1, Math.floor(q * handling.length))]?.toFixed(1) ?? '—';
    const serverMs = handling.reduce((a, b) => a + b, 0);
    return {
      'simultaneous calls': String(calls),
      'server time per call, calls one at a time (all its webhooks)': `${aloneMs.toFixed(1)} ms`,
      'burst: server time per call, queueing included': `${(serverMs / calls).toFixed(0)} ms over ${(handling.length / calls).toFixed(1)} webhooks`,
      'burst: webhook handling p50 / p99': `${at(0.5)} ms / ${at(0.99)} ms`,
      'connected to the doctor': String(count('connected')),
      'callback recorded (doctor busy, caller chose it)': String(count('callback')),
      'callback recorded (nobody free: told so, SMS)': String(count('callback (nobody free)')),
      'ended on a spoken instruction': `${messages.length}${messages[0] ? ` (e.g. ${messages[0]})` : ''}`,
      'failed calls': `${failed.length}${failed[0] ? ` (first: ${failed[0]})` : ''}`,
      'Twilio webhook errors (11200/12100/12300)': String(s.emulator.errors().length),
      'wall time for all calls': `${seconds.toFixed(1)} s (emulated time ×0.01; ${webhooks} timeline events)`,
    };
  } finally {
    await s.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.table(await benchCalls());
  process.exit(0);
}
