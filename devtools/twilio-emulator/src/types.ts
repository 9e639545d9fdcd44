/** Public contracts of the emulator: options, phone behaviours, snapshots and events. */

export interface TwilioEmulatorOptions {
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** Account SID the REST API accepts; default: a fresh AC… SID. */
  accountSid?: string;
  /** Auth token for Basic auth and webhook signatures; default: 32 random hex digits. */
  authToken?: string;
  /** Multiplies every emulated wait (speech, pauses, ringing, timeouts); <1 runs faster. Default 1. */
  timeScale?: number;
  /** Real milliseconds Twilio waits for the app's answer before error 11200; default 15000. */
  webhookTimeoutMs?: number;
  /** Default real-time wait of the harness (`hears`, `rings`, `ended`…); default 5000. */
  harnessTimeoutMs?: number;
}

/** A Twilio number of the account (the app's numbers) and where Twilio sends its traffic. */
export interface IncomingNumberConfig {
  voiceUrl: string;
  voiceMethod?: 'GET' | 'POST';
  voiceFallbackUrl?: string;
  voiceFallbackMethod?: 'GET' | 'POST';
  smsUrl?: string;
  smsMethod?: 'GET' | 'POST';
  smsFallbackUrl?: string;
  /** Called once when an inbound call to this number ends (CallStatus=completed…). */
  statusCallback?: string;
}

/**
 * How a simulated phone reacts. `answer`:
 * - 'manual' (default): rings until the test calls `ring.answer()` (or the caller gives up);
 * - 'auto': answers after `answerAfterMs` (emulated, default 2000);
 * - 'voicemail': answers after `answerAfterMs`, then stays silent and presses nothing;
 * - 'never': rings until the caller's timeout (no-answer); 'busy'; 'fail' (failed).
 */
export interface PhoneBehaviour {
  answer?: 'manual' | 'auto' | 'voicemail' | 'never' | 'busy' | 'fail';
  /** Setting it alone implies answer: 'auto'. */
  answerAfterMs?: number;
  /** true: no call waiting; while this phone is on a call, another call to it gets 'busy'. */
  oneCallAtATime?: boolean;
  /** Digits pressed on every <Gather> of an answered call, shortly after its first prompt. */
  autoPress?: string;
  /** false: SMS to this phone are refused with 21614 (French fixed lines are refused anyway). */
  smsCapable?: boolean;
  /** Final status of SMS sent to this phone; default 'delivered'. */
  smsDelivery?: 'delivered' | 'undelivered' | 'failed';
}

export type CallStatus =
  'queued' | 'ringing' | 'in-progress' | 'completed' | 'busy' | 'no-answer' | 'failed' | 'canceled';
export type CallDirection = 'inbound' | 'outbound-api' | 'outbound-dial';

export const finalCallStatuses: ReadonlySet<CallStatus> = new Set([
  'completed',
  'busy',
  'no-answer',
  'failed',
  'canceled',
]);

/** One thing that happened on a leg, from the simulated phone's point of view. */
export interface TimelineEntry {
  at: Date;
  kind: 'say' | 'play' | 'pause' | 'press' | 'status' | 'note';
  text: string;
  language?: string;
  voice?: string;
  /** A prompt cut short by a key press (barge-in). */
  interrupted?: boolean;
}

export interface CallSnapshot {
  sid: string;
  parentCallSid: string | null;
  direction: CallDirection;
  from: string;
  to: string;
  /** The simulated phone on this leg: the caller (inbound) or the called party. */
  phone: string;
  status: CallStatus;
  createdAt: Date;
  answeredAt: Date | null;
  endedAt: Date | null;
  /** Emulated seconds between answer and hang-up. */
  durationSeconds: number | null;
  /** Child legs (<Dial>) started by this call. */
  legs: string[];
  /** SID of the leg this one is bridged to right now. */
  bridgedWith: string | null;
  /** Lines heard (Say text; Play as "[play] url"), in order. */
  transcript: string[];
  timeline: TimelineEntry[];
}

export type MessageStatus =
  'accepted' | 'queued' | 'sending' | 'sent' | 'delivered' | 'undelivered' | 'failed' | 'received';
export type MessageDirection = 'inbound' | 'outbound-api' | 'outbound-reply';

export interface MessageSnapshot {
  sid: string;
  direction: MessageDirection;
  from: string;
  to: string;
  body: string;
  status: MessageStatus;
  errorCode: number | null;
  messagingServiceSid: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A webhook or TwiML failure, as Twilio's debugger would log it. */
export interface AppError {
  code: number;
  message: string;
  url: string;
  callSid?: string;
  messageSid?: string;
  at: Date;
}

export interface SayEvent {
  callSid: string;
  /** The simulated phone that hears it. */
  phone: string;
  kind: 'say' | 'play';
  text: string;
  language?: string;
  voice?: string;
}

export interface BridgeEvent {
  callSid: string;
  otherCallSid: string;
  connected: boolean;
}

export interface StatusEvent {
  callSid: string;
  status: CallStatus;
  from: string;
  to: string;
  direction: CallDirection;
}

export interface EmulatorEvents {
  /** A call leg was created. */
  call: [CallSnapshot];
  /** A leg changed status. */
  status: [StatusEvent];
  /** A phone heard a prompt. */
  say: [SayEvent];
  /** A message was created or changed status. */
  message: [MessageSnapshot];
  /** Two legs were connected (a <Dial> answered, a queued caller taken) or parted. */
  bridge: [BridgeEvent];
  /** A webhook or TwiML error was recorded. */
  'app-error': [AppError];
}
