import { countryOf, newSid } from './identifiers.js';
import { Keypad } from './keypad.js';
import {
  StatusCallbacks,
  type StatusCallbackConfig,
  type StatusEvent,
} from './status-callbacks.js';
import type { EmulatorHost } from './host.js';
import {
  finalCallStatuses,
  type CallDirection,
  type CallSnapshot,
  type CallStatus,
  type TimelineEntry,
} from './types.js';

export type { StatusCallbackConfig, StatusEvent };

/** Abort reason when a leg hangs up: every wait on it stops. */
export class CallEnded extends Error {}
/** Abort reason when the REST API redirects a live call to new TwiML. */
export class CallRedirected extends Error {}

/** A TwiML document to fetch next. */
export interface TwimlFetch {
  url: string;
  method?: 'GET' | 'POST';
  params?: Record<string, string>;
}

/** Where a leg's TwiML comes from: a URL, or inline (REST `Twiml` parameter). */
export type AppSource = TwimlFetch | { twiml: string };

export interface CallLegInit {
  direction: CallDirection;
  from: string;
  to: string;
  /** The simulated phone on this leg. */
  phone: string;
  parentCallSid?: string;
  status: CallStatus;
  statusCallback?: StatusCallbackConfig;
  fallback?: TwimlFetch;
}

/** One call leg: its state machine, what its phone heard, and its signed status callbacks. */
export class CallLeg {
  readonly sid = newSid('CA');
  readonly createdAt = new Date();
  readonly keypad = new Keypad();
  readonly legs: string[] = [];
  readonly timeline: TimelineEntry[] = [];
  status: CallStatus;
  answeredAt: Date | null = null;
  endedAt: Date | null = null;
  bridgedWith: string | null = null;
  pendingRedirect: AppSource | null = null;
  /** Set by the phone while ringing: how it picks up (or declines). */
  decide: ((choice: 'answer' | 'busy') => void) | null = null;
  private answeredReal = 0;
  private durationAtEnd: number | null = null;
  private readonly statusCallbacks: StatusCallbacks | null;
  private readonly hangupCtl = new AbortController();
  private interruptCtl = new AbortController();

  /** Use `EmulatorState.openCall`, which registers the leg. */
  constructor(
    private readonly state: EmulatorHost,
    readonly init: CallLegInit,
  ) {
    this.status = init.status;
    this.statusCallbacks = init.statusCallback
      ? new StatusCallbacks(state, init.statusCallback)
      : null;
  }

  get from(): string {
    return this.init.from;
  }
  get to(): string {
    return this.init.to;
  }
  get phone(): string {
    return this.init.phone;
  }
  get direction(): CallDirection {
    return this.init.direction;
  }
  get active(): boolean {
    return !finalCallStatuses.has(this.status);
  }
  /** Aborted when the leg ends. */
  get hangupSignal(): AbortSignal {
    return this.hangupCtl.signal;
  }
  /** Aborted when the leg ends or is redirected: what TwiML execution listens to. */
  get execSignal(): AbortSignal {
    return AbortSignal.any([
      this.hangupCtl.signal,
      this.interruptCtl.signal,
      this.state.closeSignal,
    ]);
  }

  /** The parameters Twilio sends with every voice request about this leg. */
  params(): Record<string, string> {
    const p: Record<string, string> = {
      AccountSid: this.state.config.accountSid,
      ApiVersion: '2010-04-01',
      CallSid: this.sid,
      CallStatus: this.status,
      Direction: this.direction,
      From: this.from,
      To: this.to,
      Caller: this.from,
      Called: this.to,
      FromCountry: countryOf(this.from),
      ToCountry: countryOf(this.to),
      CallerCountry: countryOf(this.from),
      CalledCountry: countryOf(this.to),
    };
    if (this.init.parentCallSid) p.ParentCallSid = this.init.parentCallSid;
    return p;
  }

  durationSeconds(): number {
    return this.answeredAt ? this.state.clock.emulatedSecondsSince(this.answeredReal) : 0;
  }

  setStatus(status: CallStatus): void {
    if (!this.active || this.status === status) return;
    this.status = status;
    this.record('status', status);
    this.state.emit('status', {
      callSid: this.sid,
      status,
      from: this.from,
      to: this.to,
      direction: this.direction,
    });
    if (status === 'ringing') this.notify('ringing');
    if (status === 'in-progress') this.notify('answered');
  }

  /** Announces the outbound attempt (StatusCallbackEvent=initiated). */
  initiate(): void {
    this.notify('initiated');
  }

  answer(): void {
    if (this.status === 'in-progress' || !this.active) return;
    this.answeredAt = new Date();
    this.answeredReal = Date.now();
    this.setStatus('in-progress');
  }

  /** Final status; aborts everything waiting on this leg. Idempotent. */
  end(status: CallStatus = 'completed'): void {
    if (!this.active) return;
    this.durationAtEnd = this.durationSeconds();
    this.endedAt = new Date();
    this.setStatus(status);
    this.hangupCtl.abort(new CallEnded(`${this.sid} ${status}`));
    this.notify('completed');
  }

  /** Interrupts current TwiML and continues with `next` (REST call update). */
  redirect(next: AppSource): void {
    this.pendingRedirect = next;
    const previous = this.interruptCtl;
    this.interruptCtl = new AbortController();
    previous.abort(new CallRedirected(`${this.sid} redirected`));
  }

  hear(
    kind: 'say' | 'play',
    text: string,
    attrs: { language?: string; voice?: string } = {},
  ): TimelineEntry {
    const entry = this.record(kind, text, attrs);
    this.state.emit('say', { callSid: this.sid, phone: this.phone, kind, text, ...attrs });
    return entry;
  }

  record(
    kind: TimelineEntry['kind'],
    text: string,
    attrs: { language?: string; voice?: string } = {},
  ): TimelineEntry {
    const entry: TimelineEntry = { at: new Date(), kind, text, ...attrs };
    this.timeline.push(entry);
    this.state.changed();
    return entry;
  }

  transcript(): string[] {
    return this.timeline
      .filter((e) => e.kind === 'say' || e.kind === 'play')
      .map((e) => (e.kind === 'play' ? `[play] ${e.text}` : e.text));
  }

  snapshot(): CallSnapshot {
    return {
      sid: this.sid,
      parentCallSid: this.init.parentCallSid ?? null,
      direction: this.direction,
      from: this.from,
      to: this.to,
      phone: this.phone,
      status: this.status,
      createdAt: this.createdAt,
      answeredAt: this.answeredAt,
      endedAt: this.endedAt,
      durationSeconds: this.endedAt ? this.durationAtEnd : null,
      legs: [...this.legs],
      bridgedWith: this.bridgedWith,
      transcript: this.transcript(),
      timeline: [...this.timeline],
    };
  }

  private notify(event: StatusEvent): void {
    this.statusCallbacks?.send(event, this.params(), this.status, this.durationAtEnd ?? 0);
  }
}
