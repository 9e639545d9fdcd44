import { whenAborted } from './clock.js';
import type { CallLeg } from './call-leg.js';
import type { EmulatorState } from './state.js';

export interface BridgeOptions {
  /** The dialling leg's execution signal: hang-up or redirect ends the bridge. */
  signal: AbortSignal;
  /** <Dial timeLimit>, emulated ms. */
  timeLimitMs: number;
  /** Hang up `other` when the dialling side leaves (true for <Number>, false for a dequeued caller). */
  endOther: boolean;
}

/**
 * Connects two answered legs until one of them leaves. Returns the emulated seconds they
 * were connected (DialCallDuration).
 */
export async function bridge(
  state: EmulatorState,
  leg: CallLeg,
  other: CallLeg,
  options: BridgeOptions,
): Promise<number> {
  leg.bridgedWith = other.sid;
  other.bridgedWith = leg.sid;
  leg.record('note', `connected to ${other.phone}`);
  other.record('note', `connected to ${leg.phone}`);
  state.emit('bridge', { callSid: leg.sid, otherCallSid: other.sid, connected: true });
  const started = Date.now();
  const stop = new AbortController();
  await Promise.race([
    whenAborted(options.signal),
    whenAborted(other.hangupSignal),
    whenAborted(state.closeSignal),
    state.clock.sleep(options.timeLimitMs, stop.signal).catch(() => {}),
  ]);
  stop.abort();
  leg.bridgedWith = null;
  other.bridgedWith = null;
  leg.record('note', `disconnected from ${other.phone}`);
  other.record('note', `disconnected from ${leg.phone}`);
  state.emit('bridge', { callSid: leg.sid, otherCallSid: other.sid, connected: false });
  if (options.endOther) other.end('completed');
  return state.clock.emulatedSecondsSince(started);
}
