import type { Effect } from '../../ivr-flows/types.js';
import type { Contact } from '../../rota/types.js';
import { requestCallback, type CallbackRow } from '../callbacks/store.js';
import type { AppDeps } from '../platform/deps.js';
import { isHiddenCaller } from '../platform/phone-numbers.js';
import { openFicheAfterCall } from '../regulation/fiches/commands.js';
import { plannedCallback, plannedFollowUp, plannedPharmacySms } from './call-follow-ups.js';
import {
  acceptedKey,
  appendCallEvents,
  closeCallRecord,
  ensureCallRecord,
  isProfessionalLineCall,
  markConnected,
  reopenCallWithEvent,
  setCallLanguage,
  setCallOutcome,
} from './call-record-store.js';
import type { Turn } from './turn.js';
import type { TurnWrites } from './turn-writes.js';

/**
 * Plans a turn's writes from exactly the effects its flow returned (no I/O): events, each with
 * a dedupe key derived from the turn's key (a replayed turn records nothing twice), record
 * updates, follow-ups. Live-call facts are not here: record-turn.ts writes them to `LiveCalls`.
 */
export function planWrites(turn: Turn, effects: Effect[], key: string): TurnWrites {
  const { callSid, now, params } = turn;
  const onLeg = turn.url.leg !== null || turn.url.offer !== null;
  const parties = {
    territoryId: turn.line?.territory.territory.id ?? null,
    fromNumber: params.From ?? 'anonymous',
    toNumber: params.To ?? '',
    callerHidden: isHiddenCaller(params.From),
  };
  const w: TurnWrites = { key, callSid, at: now, events: [], sms: [] };
  // A professional's leg posts the professional's numbers: only the patient's call names the parties.
  if (!onLeg) w.parties = parties;
  effects.forEach((effect, index) => {
    switch (effect.kind) {
      case 'open_call':
        w.opening = { call: parties, node: effect.node };
        break;
      case 'visit': {
        const detail = effect.digits ? { digits: effect.digits } : {};
        const dedupeKey = `${callSid}/visit/${key}/${index}`;
        w.events.push({ kind: 'visit', node: effect.node, detail, dedupeKey });
        break;
      }
      case 'set_lang':
        w.lang = effect.lang;
        break;
      case 'ring':
        w.events.push({
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
        w.events.push({
          kind: 'ring_result',
          professionalId: effect.contact?.professionalId ?? null,
          detail: { attempt: effect.attempt, result: effect.result },
          dedupeKey: `${callSid}/ring_result/${effect.attempt}`,
        });
        break;
      case 'accepted':
        w.events.push({
          kind: 'accepted',
          detail: { attempt: effect.attempt },
          dedupeKey: acceptedKey(callSid, effect.attempt),
        });
        break;
      case 'connected':
        w.connected = connectedOf(turn, effect.contact);
        w.followUp = plannedFollowUp(turn);
        break;
      case 'request_callback':
        w.callback = plannedCallback(turn, effect.reason);
        break;
      case 'send_sms':
        w.sms.push(...plannedPharmacySms(turn));
        break;
      case 'outcome':
        w.outcome ??= effect.outcome;
        break;
      default:
        // Live-call facts (queue_taken, left_hold): record-turn.ts.
        break;
    }
  });
  return w;
}

/**
 * Who answered: a professional, or the territory's permanence. A screened leg's keypress is the
 * `accepted` event (markConnected reads its instant); an unscreened call centre has none, so its
 * answer is the end of the Dial less the time it was bridged (DialCallDuration).
 */
function connectedOf(turn: Turn, contact: Contact | null): NonNullable<TurnWrites['connected']> {
  const fallback = contact?.source === 'fallback';
  const bridged = turn.params.DialCallDuration;
  return {
    professionalId: fallback ? null : (contact?.professionalId ?? null),
    ...(fallback ? { fallback } : {}),
    ...(bridged !== undefined ? { answeredAt: new Date(turn.now.getTime() - bridged * 1000) } : {}),
  };
}

/**
 * Commits a turn's rows, each write idempotent. The callback request first: it is the one the
 * caller was promised. A record update whose call has no record yet (its opening still waits in
 * the outbox) creates the record from the turn's parties, so the update is not lost.
 * Returns the callback row (new or already there) for the hand-over to the queue.
 */
export async function commitWrites(deps: AppDeps, w: TurnWrites): Promise<CallbackRow | null> {
  const db = deps.db.db;
  const { callSid, at } = w;
  let callback: CallbackRow | null = null;
  // The end of a professionals' line call whose status callback missed the line cache: no record.
  if (w.ended && !w.opening && w.parties && w.events.length === 0)
    if (await isProfessionalLineCall(db, callSid, w.parties.toNumber)) return null;
  if (w.callback) {
    const { confirmation: _sms, ...request } = w.callback;
    callback = (await requestCallback(db, { ...request, callSid, createdAt: at })).callback;
  }
  if (w.opening) {
    const call = { ...w.opening.call, callSid, startedAt: at };
    await reopenCallWithEvent(deps.db.sql, call, { kind: 'visit', node: w.opening.node });
  } else if (w.parties && (w.lang || w.connected || w.outcome || w.ended)) {
    await ensureCallRecord(db, { ...w.parties, callSid, startedAt: at });
  }
  await appendCallEvents(db, callSid, at, w.events);
  if (w.lang) await setCallLanguage(db, callSid, w.lang);
  if (w.connected) await markConnected(db, callSid, w.connected, at);
  if (w.outcome) await setCallOutcome(db, callSid, w.outcome);
  if (w.ended) await closeCallRecord(db, callSid, w.ended.status, at, w.ended.durationSeconds);
  // A régulateur's call, once ended and connected (either may be recorded last), opens its fiche.
  if (w.ended || w.connected) await openFicheAfterCall(db, callSid, at);
  return callback;
}
