import type { CallLeg } from './call-leg.js';
import type { EmulatorState } from './state.js';

export type RingResult = 'answered' | 'busy' | 'failed' | 'no-answer' | 'canceled';

/** Emulated delays of the network: a busy line answers quickly, an auto phone after 2 s. */
const busyAfterMs = 500;
const failAfterMs = 200;
const defaultAnswerAfterMs = 2000;

/**
 * Rings the simulated phone of `leg` (an outgoing leg) until it answers, declines, the
 * caller's `timeoutMs` (emulated) runs out → no-answer, or `signal` aborts → canceled.
 * The phone's behaviour decides; with the default 'manual' behaviour the test answers
 * through `phone.rings()` → `ring.answer()`.
 */
export async function ringPhone(
  state: EmulatorState,
  leg: CallLeg,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<RingResult> {
  const { clock } = state;
  const phone = state.phoneState(leg.phone);
  const behaviour = phone.behaviour;
  const mode = behaviour.answer ?? (behaviour.answerAfterMs !== undefined ? 'auto' : 'manual');
  leg.initiate();
  const stop = new AbortController();
  const scope = AbortSignal.any([signal, stop.signal, leg.hangupSignal]);
  try {
    if (mode === 'fail') {
      await clock.sleep(failAfterMs, scope);
      return 'failed';
    }
    leg.setStatus('ringing');
    phone.unclaimedRings.push(leg.sid);
    const decision = new Promise<RingResult>((resolve) => {
      leg.decide = (choice) => resolve(choice === 'answer' ? 'answered' : 'busy');
    });
    state.changed();
    const later = (ms: number, choice: 'answer' | 'busy'): void => {
      clock.sleep(ms, scope).then(
        () => leg.decide?.(choice),
        () => {},
      );
    };
    if (mode === 'busy' || (behaviour.oneCallAtATime && onAnotherCall(state, leg)))
      later(busyAfterMs, 'busy');
    if (mode === 'auto' || mode === 'voicemail')
      later(behaviour.answerAfterMs ?? defaultAnswerAfterMs, 'answer');
    const result = await Promise.race([
      decision,
      clock.sleep(timeoutMs, scope).then(
        (): RingResult => 'no-answer',
        (): RingResult => 'canceled',
      ),
    ]);
    // Two legs may ring one phone at once; the first answered wins, the other hears busy.
    if (result === 'answered' && behaviour.oneCallAtATime && onAnotherCall(state, leg))
      return 'busy';
    if (result === 'answered' && leg.active) leg.answer();
    return leg.active || result !== 'answered' ? result : 'canceled';
  } catch {
    return 'canceled';
  } finally {
    leg.decide = null;
    stop.abort();
  }
}

function onAnotherCall(state: EmulatorState, leg: CallLeg): boolean {
  return [...state.calls.values()].some(
    (c) => c !== leg && c.phone === leg.phone && c.status === 'in-progress',
  );
}
