import type { Contact } from '../rota/types.js';

export type Lang = 'fr' | 'en';

/** What the caller hears or does next. Paths are relative to the service's public URL. */
export type Prompt = { verb: 'say'; text: string; lang: Lang } | { verb: 'pause'; seconds: number };
export type Step =
  | Prompt
  | { verb: 'gather'; numDigits: number; timeout: number; action: string; prompts: Prompt[] }
  /**
   * screenPath: the keypress screening leg run on the called phone; null for a staffed line.
   * action: where Twilio posts the Dial's result; absent, the document's next steps run after it.
   */
  | {
      verb: 'dial';
      number: string;
      timeout: number;
      action?: string;
      screenPath: string | null;
      callerId?: string;
    }
  | { verb: 'enqueue'; queue: string; waitPath: string; action: string }
  /**
   * dequeuedPath: the <Queue url> Twilio requests for the caller it takes (their own CallSid and
   * the dialling call's DequeingCallSid), played to that caller just before the bridge.
   */
  | { verb: 'dial_queue'; queue: string; action: string; dequeuedPath?: string }
  /** In an <Enqueue> wait document: leave the queue (its action continues the call). */
  | { verb: 'leave' }
  | { verb: 'redirect'; path: string }
  | { verb: 'hangup' };

export type Outcome =
  | 'connected'
  | 'callback'
  | 'closed_hours'
  | 'hung_up_after_warning'
  | 'abandoned'
  | 'call_15_first'
  | 'pharmacy_info'
  | 'fallback';

/**
 * What the server must record or do after answering. Each fact has one writer: the server
 * applies exactly the effects a flow returns, and no route writes a fact of its own.
 */
export type Effect =
  /** The call begins: its record and its first visit, written together. */
  | { kind: 'open_call'; node: string }
  | { kind: 'visit'; node: string; digits?: string }
  | { kind: 'set_lang'; lang: Lang }
  | { kind: 'ring'; attempt: number; contact: Contact }
  | { kind: 'ring_result'; attempt: number; contact: Contact | null; result: string }
  /** A keypress on the screening leg: the ring is accepted and the professional is bridged. */
  | { kind: 'accepted'; attempt: number }
  /** The call's record says who answered (the bridge itself was recorded by `accepted`). */
  | { kind: 'connected'; attempt: number; contact: Contact | null }
  /** A freed professional takes the oldest caller holding in `queue`: now bridged to them. */
  | { kind: 'queue_taken'; queue: string }
  /** The caller left the hold queue (bridged, hung up, or routed on). */
  | { kind: 'left_hold' }
  | { kind: 'request_callback'; reason: 'caller_asked' | 'nobody_answered' | 'doctor_busy' }
  | { kind: 'send_sms'; template: 'pharmacy_details' }
  | { kind: 'outcome'; outcome: Outcome };

export interface FlowResult {
  steps: Step[];
  effects: Effect[];
}

/**
 * How a patient reaches the on-duty doctor (CSP R6315-3). 'centre15': the line warns, then
 * transfers to the CRRA's long number or tells the caller to dial the regional number; it never
 * rings a doctor. 'plateforme': the territory's platform, interconnected with the CRRA under an
 * approved convention: the on-duty doctor answers as régulateur.
 */
export type RegulationMode = 'centre15' | 'plateforme';

/** The short regional regulation number a caller is told to dial (never dialled by the platform). */
export type RegionalNumber = '15' | '116117';

export interface TerritoryFacts {
  name: string;
  regulationMode: RegulationMode;
  /** The CRRA's direct long number (E.164), dialled unscreened in 'centre15' mode; null: none. */
  crraNumber: string | null;
  regionalNumber: RegionalNumber;
  recordingNotice: boolean;
  daytimeNumber: string | null;
  pharmacy: { name: string; phone: string } | null;
  /** The fallback number is a staffed call centre: dialled without keypress screening. */
  fallbackIsCallCentre: boolean;
}

/** Everything a flow may know about the world, handed in by the server. */
export interface FlowContext {
  territory: TerritoryFacts;
  /** Within the doctors' service's own PDSA hours. */
  inPdsaHours: boolean;
  /**
   * PDSA time the doctors' service leaves to the régulation (its nights end at midnight, or it
   * keeps no Saturday afternoon): with nobody on the rota the line says to call the 15. Absent: false.
   */
  regulationOnly?: boolean;
  /** Ordered numbers to ring (fallback line last, source 'fallback'). */
  contacts: Contact[];
  caller: { hidden: boolean; isMobile: boolean };
  /** This call's sid: the screening leg reports acceptance against it. */
  callSid: string;
  /** The public number called: the screening leg (whose To is the doctor) finds the line by it. */
  lineNumber: string;
  /** The primary on-call professional is already bridged to another patient. */
  doctorBusy: boolean;
  /** Queue holding callers for this line's doctor. */
  holdQueue: string;
  /** Seconds a caller holds before being escalated (backup, fallback line, callback). */
  holdLimitSeconds: number;
}
