import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { callbackRequests } from '../../db/schema/index.js';
import type { Cluster } from '../support/cluster.js';
import type { ProxiedRequest } from '../support/nginx.js';
import {
  bridge,
  demoCluster,
  expectNoApplicationError,
  factsOf,
  hangUpEverything,
  holds,
  line,
  outcomeOf,
  ringsOf,
  takesHeldCaller,
} from '../support/cluster-calls.js';

/*
 * Two `npm start` instances and a worker on one PostgreSQL and one Redis, behind nginx
 * round-robin; the emulator's webhooks alternate between the instances. Issue 13, "Done when".
 */
let c: Cluster;
const isStatusOf = (r: ProxiedRequest, sid: string) =>
  r.path === '/twilio/status' &&
  (r.params.get('CallSid') === sid || r.params.get('ParentCallSid') === sid);
let primary: string;
let backup: string;
let fallback: string;

beforeAll(async () => {
  const built = await demoCluster();
  c = built.c;
  [primary, backup, fallback] = built.contacts as [string, string, string];
}, 90_000);
afterEach(() => hangUpEverything(c, [primary, backup, fallback]));
afterAll(() => c?.close());

describe('every call ends as on one instance, its webhooks alternating between the two', () => {
  it('the doctor accepts with a keypress: the same record and path as through one instance', async () => {
    await c.routeTo(c.instances[0]!);
    const alone = await bridge(c, '+33612000100', primary);
    await alone.hangup();
    // Both legs' status callbacks come after the hang-up: they too must reach instance 0 before
    // round-robin is back (under load they arrived late and went to instance 1).
    await expect
      .poll(() => c.requests().filter((r) => isStatusOf(r, alone.sid)).length, { timeout: 10_000 })
      .toBeGreaterThanOrEqual(2);
    await c.routeTo();
    const call = await bridge(c, '+33612000101', primary);
    await call.hangup();
    await expect.poll(() => outcomeOf(c, call.sid)).toBe('connected');
    const reference = await factsOf(c, alone.sid);
    expect(reference.path.length).toBeGreaterThan(3);
    await expect.poll(() => factsOf(c, call.sid)).toEqual(reference);
    expect(c.servedBy(alone.sid)).toEqual(new Set([c.instances[0]!.address]));
    expect(c.servedBy(call.sid)).toEqual(new Set(c.instances.map((i) => i.address)));
  });

  it("the doctor's voicemail answers: it never takes the patient, the backup is rung", async () => {
    c.emulator.phone(primary).behave({ answer: 'voicemail', answerAfterMs: 3000 });
    const call = await c.emulator.phone('+33612000102').dial(line);
    await call.hears(/tapez 1/i);
    await call.press('1');
    await call.hears(/autre médecin/);
    const ring = await c.emulator.phone(backup).rings();
    await ring.answer();
    await ring.press('1');
    await call.isConnectedTo(backup);
    await call.hangup();
    c.emulator.phone(primary).behave({ answer: 'manual' });
    await expect.poll(() => outcomeOf(c, call.sid)).toBe('connected');
    expect(c.servedBy(call.sid).size).toBe(2);
  });
});

describe('live-call facts are shared by the instances', () => {
  it('a doctor bridged through one instance is not rung for a patient arriving through the other', async () => {
    const web1 = c.instances[0]!;
    const web2 = c.instances[1 % c.instances.length]!;
    await c.routeTo(web1);
    const first = await bridge(c, '+33612000111', primary);
    const rung = ringsOf(c, primary);
    await c.routeTo(web2);
    const second = await c.emulator.phone('+33612000112').dial(line);
    await second.hears(/tapez 1/i);
    await second.press('1');
    expect(await second.hears(/en ligne avec un autre patient|Nous appelons le médecin/)).toMatch(
      /en ligne avec un autre patient/,
    );
    expect(ringsOf(c, primary)).toBe(rung);
    await second.hangup();
    await expect
      .poll(() => c.requests().filter((r) => isStatusOf(r, second.sid)).length, { timeout: 10_000 })
      .toBeGreaterThanOrEqual(1);
    await c.routeTo();
    await first.hangup();
    expect(c.servedBy(second.sid)).toEqual(new Set([web2.address]));
  });

  // [instance of the bridge, of the hold, of the hang-up]
  it.each([
    [0, 0, 1],
    [0, 1, 0],
  ])(
    'a holding caller is offered the freed doctor (bridge on web%i, hold on web%i, hang-up on web%i)',
    async (bridgeOn, holdOn, hangupOn) => {
      const at = (i: number) => c.instances[i % c.instances.length]!;
      await c.routeTo(at(bridgeOn));
      const first = await bridge(c, '+33612000121', primary);
      await c.routeTo(at(holdOn));
      const second = await holds(c, '+33612000122');
      await c.routeTo(at(hangupOn));
      await first.hangup();
      const doctor = await takesHeldCaller(c, primary, second);
      await c.routeTo();
      // The doctor hangs up: the queue's action then says "bridged". (A patient hanging up first
      // ends the call without it, and one instance records that call "abandoned" too.)
      await doctor.hangup();
      await second.ended();
      await expect.poll(() => outcomeOf(c, second.sid)).toBe('connected');
    },
  );
});

describe('nobody answers', () => {
  // Last: the worker then rings the doctors for the stored callback.
  it('fallback line, then a callback request stored once', async () => {
    c.emulator.phone(primary).behave({ answer: 'never' });
    c.emulator.phone(backup).behave({ answer: 'busy' });
    c.emulator.phone(fallback).behave({ answer: 'never' });
    const call = await c.emulator.phone('+33612000131').dial(line);
    await call.hears(/tapez 1/i);
    await call.press('1');
    await call.hears(/permanence/);
    await call.hears(/demande de rappel est enregistrée/);
    await call.ended();
    const stored = await c.db.db
      .select()
      .from(callbackRequests)
      .where(eq(callbackRequests.callSid, call.sid));
    expect(stored).toMatchObject([{ patientNumber: '+33612000131', reason: 'nobody_answered' }]);
    expect(c.servedBy(call.sid).size).toBe(2);
  });

  it('no webhook error and no "application error" in any call', () => expectNoApplicationError(c));
});
