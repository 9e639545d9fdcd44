import type { Effect } from '../../ivr-flows/types.js';
import type { AppDeps } from '../platform/deps.js';
import { recordCallback, scheduleFollowUp, sendPharmacyDetails } from './call-follow-ups.js';
import {
  acceptedKey,
  appendCallEvents,
  markConnected,
  setCallLanguage,
  setCallOutcome,
  type CallEvent,
} from './call-record-store.js';
import type { Turn } from './turn.js';

const writtenElsewhere = new Set<Effect['kind']>(['open_call', 'queue_taken', 'left_hold']);

/** Does this effect change a row here (and so wait for PostgreSQL)? */
export const writesToDatabase = (effect: Effect) => !writtenElsewhere.has(effect.kind);

/**
 * Writes a turn's effects to PostgreSQL: its events in one statement (each deduplicated, so a
 * retried webhook records nothing twice), then the record updates and follow-ups in order.
 * Live-call facts and the call's opening are written by record-turn.ts, not here.
 */
export async function recordEffects(deps: AppDeps, turn: Turn, effects: Effect[]): Promise<void> {
  const db = deps.db.db;
  const { callSid, now } = turn;
  const events: CallEvent[] = [];
  const later: (() => Promise<unknown>)[] = [];
  for (const effect of effects) {
    switch (effect.kind) {
      case 'visit':
        events.push({
          kind: 'visit',
          node: effect.node,
          detail: effect.digits ? { digits: effect.digits } : {},
        });
        break;
      case 'set_lang':
        later.push(() => setCallLanguage(db, callSid, effect.lang));
        break;
      case 'ring':
        events.push({
          kind: 'ring',
          professionalId: effect.contact.professionalId,
          detail: {
            attempt: effect.attempt,
            level: effect.contact.level,
            source: effect.contact.source,
          },
          dedupeKey: `${callSid}/ring/${effect.attempt}`,
        });
        break;
      case 'ring_result':
        events.push({
          kind: 'ring_result',
          professionalId: effect.contact?.professionalId ?? null,
          detail: { attempt: effect.attempt, result: effect.result },
          dedupeKey: `${callSid}/ring_result/${effect.attempt}`,
        });
        break;
      case 'accepted':
        events.push({
          kind: 'accepted',
          detail: { attempt: effect.attempt },
          dedupeKey: acceptedKey(callSid, effect.attempt),
        });
        break;
      case 'connected':
        later.push(() => markConnected(db, callSid, effect.contact?.professionalId ?? null, now));
        later.push(() => scheduleFollowUp(deps, turn));
        break;
      case 'request_callback':
        later.push(() => recordCallback(deps, turn, effect.reason));
        break;
      case 'send_sms':
        later.push(() => sendPharmacyDetails(deps, turn));
        break;
      case 'outcome':
        later.push(() => setCallOutcome(db, callSid, effect.outcome));
        break;
      default:
        // Written by record-turn.ts: the opening batch and the live-call facts.
        break;
    }
  }
  if (events.length === 0 && later.length === 0) return;
  await appendCallEvents(db, callSid, now, events);
  for (const task of later) await task();
}
