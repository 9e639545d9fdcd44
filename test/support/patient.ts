import type { Cluster } from './cluster.js';

export type PatientOutcome = 'connected' | 'callback' | 'dead end';

const promised = /demande de rappel est enregistrée|callback request is recorded/i;
const applicationError = /application error/i;

/**
 * One patient at night, as in the benchmarks: hears the menu, presses 1; offered to hold because
 * the doctor is busy, presses 2 (callback). Ends connected to a doctor, with a callback they were
 * told is recorded, or at a dead end (an error, silence, anything else), with why.
 */
export async function patientCalls(
  c: Cluster,
  from: string,
  to: string,
  timeoutMs = 120_000,
): Promise<{ sid: string; outcome: PatientOutcome; why?: string }> {
  const call = await c.emulator.phone(from).dial(to);
  const wait = { timeoutMs };
  try {
    await call.hears(/tapez 1/i, wait);
    await call.press('1');
    const next = await call.hears(/Nous appelons|autre patient|rappel est enregistrée/, wait);
    if (/autre patient/.test(next)) await call.press('2');
    for (
      let waited = 0;
      waited < timeoutMs && call.status === 'in-progress' && !call.connectedTo();
      waited += 50
    )
      await new Promise((r) => setTimeout(r, 50));
    const connected = call.connectedTo() !== null;
    if (call.status === 'in-progress') await call.hangup();
    const heard = call.transcript();
    if (heard.some((l) => applicationError.test(l)))
      return { sid: call.sid, outcome: 'dead end', why: 'application error' };
    if (connected) return { sid: call.sid, outcome: 'connected' };
    if (heard.some((l) => promised.test(l))) return { sid: call.sid, outcome: 'callback' };
    return { sid: call.sid, outcome: 'dead end', why: `ended on: ${heard.at(-1)?.slice(0, 60)}` };
  } catch (err) {
    return { sid: call.sid, outcome: 'dead end', why: (err as Error).message.slice(0, 200) };
  }
}

/** The calls whose patient heard that their callback request is recorded. */
export function promisedCallbacks(c: Cluster, sids: string[]): string[] {
  return c.emulator
    .calls()
    .filter((call) => sids.includes(call.sid) && call.transcript.some((l) => promised.test(l)))
    .map((call) => call.sid);
}
