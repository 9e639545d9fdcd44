/**
 * Pure: what one call's recorded path says happened to the caller. No clock, no database: the
 * record and its events (call_events, in order) are the arguments.
 *
 * The wait before a person runs from the moment the caller chose the doctor (the menu choice that
 * rang someone, or put them on hold) to the keypress of whoever accepted; never to the end of the
 * conversation. The territory's permanence (fallback line) answering is "fallback", never a
 * professional, whatever the record's outcome says (records from before this rule said
 * "connected").
 */

export interface PathEvent {
  at: Date;
  kind: string;
  node: string | null;
  detail: Record<string, unknown>;
}

export interface CallTimeline {
  startedAt: Date;
  /** When a person accepted (keypress, or a call centre's answer); older records: the Dial's end. */
  connectedAt: Date | null;
  outcome: string | null;
  /** The call's path, in order (may be empty for a call recorded without one). */
  events: readonly PathEvent[];
}

/** Who took the call: a professional of the rota, the territory's permanence, or nobody. */
export type Reached = 'doctor' | 'fallback' | null;

export interface CallFacts {
  startedAt: Date;
  /** The caller wanted a person (pharmacy information or closed hours are not such calls). */
  soughtPerson: boolean;
  reached: Reached;
  /** Seconds from choosing the doctor to a person's acceptance; null when nobody answered. */
  waitSeconds: number | null;
  /** Hung up (or cut off) before anyone answered, without a callback request. */
  abandonedBeforePerson: boolean;
}

const soughtOutcomes = new Set(['connected', 'fallback', 'callback', 'abandoned']);
/** Visits that mean the caller has chosen to speak to the doctor. */
const choiceNodes = new Set(['route', 'route_fallback', 'doctor_busy', 'hold', 'safe_default']);

const attemptOf = (e: PathEvent) =>
  typeof e.detail.attempt === 'number' ? e.detail.attempt : null;

/** The first instant the caller was on the way to a person: the menu choice or the first ring. */
export function choiceInstant(t: CallTimeline): Date {
  const first = t.events.find(
    (e) => e.kind === 'ring' || (e.kind === 'visit' && choiceNodes.has(e.node ?? '')),
  );
  return first?.at ?? t.startedAt;
}

/** Which ring was accepted, if the path says so: the keypress, or the Dial's "accepted" result. */
function acceptedAttempt(t: CallTimeline): number | null {
  const accepted =
    t.events.find((e) => e.kind === 'accepted') ??
    t.events.find((e) => e.kind === 'ring_result' && e.detail.result === 'accepted');
  return accepted ? attemptOf(accepted) : null;
}

/** Who took the call, from the ring that was accepted, else from the record's outcome. */
export function reachedBy(t: CallTimeline): Reached {
  const attempt = acceptedAttempt(t);
  if (attempt !== null) {
    const ring = t.events.find((e) => e.kind === 'ring' && attemptOf(e) === attempt);
    if (ring) return ring.detail.source === 'fallback' ? 'fallback' : 'doctor';
  }
  if (t.outcome === 'fallback') return 'fallback';
  if (t.outcome === 'connected') return 'doctor';
  return null;
}

/** The facts the dashboard counts, from one call's timeline. */
export function callFacts(t: CallTimeline): CallFacts {
  const reached = reachedBy(t);
  const keypress = t.events.find((e) => e.kind === 'accepted')?.at ?? null;
  const personAt = reached ? (keypress ?? t.connectedAt) : null;
  const wait = personAt ? (personAt.getTime() - choiceInstant(t).getTime()) / 1000 : null;
  return {
    startedAt: t.startedAt,
    soughtPerson: reached !== null || soughtOutcomes.has(t.outcome ?? ''),
    reached,
    waitSeconds: wait !== null && wait >= 0 ? wait : null,
    abandonedBeforePerson: reached === null && t.outcome === 'abandoned',
  };
}
