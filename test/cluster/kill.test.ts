import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inArray } from 'drizzle-orm';
import { callbackRequests, callRecords } from '../../db/schema/index.js';
import type { Cluster } from '../support/cluster.js';
import { patientCalls, promisedCallbacks } from '../support/patient.js';
import {
  bridge,
  demoCluster,
  expectNoApplicationError,
  hangUpEverything,
  holds,
  line,
  outcomeOf,
  ringFor,
  ringsOf,
  takesHeldCaller,
} from '../support/cluster-calls.js';

/*
 * An instance SIGKILLed in the middle of calls (issue 13, "Done when"): nginx passes its webhooks
 * to the other instance; no patient hears Twilio's application error, the doctor is freed when
 * the call ends, and no caller holding is lost.
 */
let c: Cluster;
let primary: string;
let backup: string;
let fallback: string;

beforeAll(async () => {
  const built = await demoCluster();
  c = built.c;
  [primary, backup, fallback] = built.contacts as [string, string, string];
}, 90_000);
afterEach(async () => {
  await hangUpEverything(c, [primary, backup, fallback]);
  await Promise.all(c.instances.filter((i) => !i.running()).map((i) => i.restart()));
});
afterAll(() => c?.close());

describe('SIGKILL of an instance', () => {
  it('during a bridged call with a caller holding: the doctor stays busy, then takes the held caller', async () => {
    const web1 = c.instances[0]!;
    await c.routeTo(web1);
    const first = await bridge(c, '+33612000201', primary);
    const second = await holds(c, '+33612000202');
    await c.routeTo();
    await web1.kill('SIGKILL');

    // Still busy for the instance left: a new caller is offered to hold, the doctor is not rung.
    const rung = ringsOf(c, primary);
    const third = await c.emulator.phone('+33612000203').dial(line);
    await third.hears(/tapez 1/i);
    await third.press('1');
    expect(await third.hears(/en ligne avec un autre patient|Nous appelons le médecin/)).toMatch(
      /en ligne avec un autre patient/,
    );
    expect(ringsOf(c, primary)).toBe(rung);
    await third.hangup();

    // The bridged call ends: the doctor is freed and offered the caller who held all along.
    await first.hangup();
    const doctor = await takesHeldCaller(c, primary, second);
    await doctor.hangup();
    await second.ended();
    await expect.poll(() => outcomeOf(c, second.sid)).toBe('connected');
    expectNoApplicationError(c);
  });

  it('while the doctor hears the screening prompt: the keypress still connects the patient, and the doctor is freed after', async () => {
    const call = await c.emulator.phone('+33612000211').dial(line);
    await call.hears(/tapez 1/i);
    await call.press('1');
    await call.hears(/Nous appelons le médecin de garde/);
    const ring = await ringFor(c, primary, call.sid);
    await ring.answer();
    await ring.hears(/appuyez sur 1 pour répondre/i);
    const served = c.lastServer('/twilio/voice/screen', call.sid);
    const victim = c.instances.find((i) => i.address === served);
    expect(victim, `instance that served the screening prompt (${served})`).toBeDefined();
    await victim!.kill('SIGKILL');

    await ring.press('1');
    await call.isConnectedTo(primary);
    await ring.hangup();
    await call.ended();
    await expect.poll(() => outcomeOf(c, call.sid)).toBe('connected');

    // Freed: the next patient is put through to the same doctor.
    const next = await bridge(c, '+33612000212', primary);
    await next.hangup();
    expectNoApplicationError(c);
  });
});

describe('a rolling deploy', () => {
  it('SIGTERM and restart, one instance after the other, while patients call: no dead end, every record and promised callback stored', async () => {
    for (const doctor of [primary, backup, fallback])
      c.emulator
        .phone(doctor)
        .behave({ answer: 'auto', answerAfterMs: 500, autoPress: '1', oneCallAtATime: true });
    const placed = Array.from({ length: 10 }, (_, i) =>
      new Promise((r) => setTimeout(r, i * 600)).then(() =>
        patientCalls(c, `+3361200030${i}`, line, 30_000),
      ),
    );
    for (const instance of c.instances) {
      await instance.kill('SIGTERM');
      await instance.restart();
    }
    const results = await Promise.all(placed);
    expectNoApplicationError(c);
    expect(results.filter((r) => r.outcome === 'dead end')).toEqual([]);
    const sids = results.map((r) => r.sid);
    await expect
      .poll(
        async () =>
          (
            await c.db.db
              .select({ status: callRecords.status })
              .from(callRecords)
              .where(inArray(callRecords.callSid, sids))
          ).filter((r) => r.status !== 'in-progress').length,
        { timeout: 10_000 },
      )
      .toBe(sids.length);
    const promised = promisedCallbacks(c, sids);
    const stored = await c.db.db
      .select({ sid: callbackRequests.callSid })
      .from(callbackRequests)
      .where(inArray(callbackRequests.callSid, promised.length ? promised : ['-']));
    expect(stored.map((s) => s.sid).sort()).toEqual([...promised].sort());
  });
});
