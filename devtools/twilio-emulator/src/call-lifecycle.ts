import type { AppSource, CallLeg, StatusCallbackConfig, StatusEvent } from './call-leg.js';
import type { AppOutcome } from './exec-context.js';
import { anonymousCaller, isE164 } from './identifiers.js';
import { ringPhone } from './ringing.js';
import type { EmulatorState } from './state.js';
import { TwilioRestError } from './twilio-errors.js';
import type { CallStatus } from './types.js';
import { runApp } from './voice-session.js';

function finalStatus(outcome: AppOutcome): CallStatus {
  // Twilio logs a <Reject reason="busy"> as busy; a plain <Reject> as no-answer (not verified against the live service).
  return outcome === 'reject-busy'
    ? 'busy'
    : outcome === 'reject-rejected'
      ? 'no-answer'
      : 'completed';
}

async function runToEnd(state: EmulatorState, leg: CallLeg, source: AppSource): Promise<void> {
  try {
    const outcome = await runApp(state, leg, source, { mode: 'call' });
    leg.end(finalStatus(outcome));
  } catch (err) {
    leg.record('note', `emulator error: ${err instanceof Error ? err.message : String(err)}`);
    leg.end('failed');
  }
}

/**
 * A simulated phone calls one of the app's numbers: the number's voice URL is requested
 * with CallStatus=ringing, Direction=inbound. `callerId` 'anonymous' hides the caller.
 */
export function placeInboundCall(
  state: EmulatorState,
  phone: string,
  to: string,
  callerId?: string,
): CallLeg {
  const config = state.numbers.get(to);
  if (!config)
    throw new Error(
      `${to} is not a Twilio number of the emulator: call incomingNumber(${to}, { voiceUrl }) first`,
    );
  const statusCallback: StatusCallbackConfig | undefined = config.statusCallback
    ? { url: config.statusCallback, events: new Set<StatusEvent>(['completed']) }
    : undefined;
  const fallback = config.voiceFallbackUrl
    ? { url: config.voiceFallbackUrl, method: config.voiceFallbackMethod }
    : undefined;
  const leg = state.openCall({
    direction: 'inbound',
    from: callerId ?? phone,
    to,
    phone,
    status: 'ringing',
    statusCallback,
    fallback,
  });
  void runToEnd(state, leg, { url: config.voiceUrl, method: config.voiceMethod });
  return leg;
}

export interface CreateCallInput {
  To?: string;
  From?: string;
  Url?: string;
  Method?: string;
  Twiml?: string;
  FallbackUrl?: string;
  FallbackMethod?: string;
  StatusCallback?: string;
  StatusCallbackMethod?: string;
  StatusCallbackEvent?: string | string[];
  Timeout?: string;
}

/** Emulated time a REST-created call stays queued. */
const queuedMs = 100;

const method = (m: string | undefined): 'GET' | 'POST' =>
  m?.toUpperCase() === 'GET' ? 'GET' : 'POST';

/**
 * REST Calls.json: validates like Twilio (throws TwilioRestError), answers `queued`, then
 * rings the `To` phone for `Timeout` seconds (default 60) and runs `Url`/`Twiml` on the
 * leg once it answers.
 */
export function placeOutboundCall(state: EmulatorState, input: CreateCallInput): CallLeg {
  if (!input.To) throw TwilioRestError.of('missingCallTo');
  if (!isE164(input.To)) throw TwilioRestError.of('invalidTo', input.To);
  if (!input.From) throw TwilioRestError.of('missingCallFrom');
  if (!isE164(input.From) && input.From !== anonymousCaller)
    throw TwilioRestError.of('invalidFrom', input.From);
  if (!input.Url && !input.Twiml) throw TwilioRestError.of('missingUrl');
  const events = [input.StatusCallbackEvent ?? []]
    .flat()
    .flatMap((e) => e.split(/[\s,]+/))
    .filter(Boolean) as StatusEvent[];
  const statusCallback = input.StatusCallback
    ? {
        url: input.StatusCallback,
        method: method(input.StatusCallbackMethod),
        events: new Set<StatusEvent>(events.length ? events : ['completed']),
      }
    : undefined;
  const fallback = input.FallbackUrl
    ? { url: input.FallbackUrl, method: method(input.FallbackMethod) }
    : undefined;
  const leg = state.openCall({
    direction: 'outbound-api',
    from: input.From,
    to: input.To,
    phone: input.To,
    status: 'queued',
    statusCallback,
    fallback,
  });
  const timeoutMs = (Number.parseInt(input.Timeout ?? '60', 10) || 60) * 1000;
  const source: AppSource = input.Twiml
    ? { twiml: input.Twiml }
    : { url: input.Url!, method: method(input.Method) };
  void (async () => {
    const scope = AbortSignal.any([leg.hangupSignal, state.closeSignal]);
    // The API answers `queued` before the network starts dialling.
    await state.clock.sleep(queuedMs, scope).catch(() => {});
    const rung = await ringPhone(state, leg, timeoutMs, scope);
    if (rung !== 'answered') leg.end(rung);
    else await runToEnd(state, leg, source);
  })();
  return leg;
}

/** REST call update: Status=canceled|completed hangs up, Url/Twiml redirects a live call. */
export function updateCall(
  leg: CallLeg,
  input: { Status?: string; Url?: string; Method?: string; Twiml?: string },
): void {
  if (input.Status === 'canceled' || input.Status === 'completed') {
    if (leg.status === 'queued' || leg.status === 'ringing') leg.end('canceled');
    else if (input.Status === 'completed') leg.end('completed');
    return;
  }
  if (input.Url || input.Twiml) {
    if (leg.status !== 'in-progress') throw TwilioRestError.of('notInProgress');
    leg.redirect(
      input.Twiml ? { twiml: input.Twiml } : { url: input.Url!, method: method(input.Method) },
    );
  }
}
