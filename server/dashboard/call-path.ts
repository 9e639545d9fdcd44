import { pathWords as w } from './catalogue-fr.js';
import type { PathEvent } from './call-timeline.js';

/**
 * Pure: a call's path as sentences a coordinator reads (« 23:04 appel du Dr X, pas de réponse »),
 * from its recorded events. A ring and what came of it (its result, the keypress) are one
 * sentence, at the time of the ring; menu visits say what the caller asked for.
 */

export interface NamedEvent extends PathEvent {
  /** The professional the event concerns, by name (rings). */
  professionalName: string | null;
}

export interface PathSentence {
  at: Date;
  /** "23:04" in the given zone. */
  time: string;
  text: string;
}

const attemptOf = (e: PathEvent) =>
  typeof e.detail.attempt === 'number' ? e.detail.attempt : null;

const clock = (at: Date, timeZone: string) =>
  new Intl.DateTimeFormat('fr-FR', { timeZone, hour: '2-digit', minute: '2-digit' }).format(at);

/** "3 min 05 s", "45 s". */
export function durationText(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

function ringSentence(ring: NamedEvent, events: readonly NamedEvent[]): string {
  const attempt = attemptOf(ring);
  const same = (kind: string) =>
    events.find((e) => e.kind === kind && attemptOf(e) === attempt && attempt !== null);
  const keypress = same('accepted');
  const result = same('ring_result')?.detail.result;
  const who = w.ring(ring.professionalName, ring.detail.level, ring.detail.source === 'fallback');
  const outcome = keypress
    ? w.keypressAccepted
    : typeof result === 'string'
      ? (w.ringResults[result] ?? w.ringUnknown)
      : null;
  return outcome ? `${who}, ${outcome}` : who;
}

function visitSentence(e: NamedEvent): string | null {
  if (e.node === 'menu') {
    const digits = e.detail.digits;
    return typeof digits === 'string' && digits ? w.menuKey(digits) : w.menuSilent;
  }
  return w.visits[e.node ?? ''] ?? null;
}

/**
 * The sentences of a call's path, in order; the call's end closes it when known. Events without
 * a sentence of their own (routing visits, results folded into their ring) are left out.
 */
export function callPathSentences(
  events: readonly NamedEvent[],
  end: { at: Date | null; durationSeconds: number | null },
  timeZone: string,
): PathSentence[] {
  const rung = new Set(events.filter((e) => e.kind === 'ring').map(attemptOf));
  const out: { at: Date; text: string }[] = [];
  for (const e of events) {
    const text =
      e.kind === 'visit'
        ? visitSentence(e)
        : e.kind === 'ring'
          ? ringSentence(e, events)
          : e.kind === 'accepted' && !rung.has(attemptOf(e))
            ? w.keypressAccepted
            : null;
    if (text) out.push({ at: e.at, text });
  }
  if (end.at)
    out.push({
      at: end.at,
      text: w.end(end.durationSeconds === null ? null : durationText(end.durationSeconds)),
    });
  return out.map((s) => ({ ...s, time: clock(s.at, timeZone) }));
}
