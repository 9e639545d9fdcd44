import { queueDequeuedPath, queueTakePath, voicePath, type QueueOfferRef } from './call-url.js';
import { professionalPrompts } from './prompts/professional.js';
import { inCentre15, toRegulation } from './patient-line-centre15.js';
import { routeToContact } from './routing.js';
import { say, voice } from './say.js';
import type { CallState } from './state.js';
import type { Contact } from '../rota/types.js';
import type { Effect, FlowContext, FlowResult, Step } from './types.js';

/*
 * The primary doctor is with another patient: the caller may hold in a Twilio queue for them
 * (or ask for a callback), and the doctor, once free, is offered the oldest caller holding.
 */

/** Doctor busy: 1 (or silence) holds in the queue, 2 asks for a callback. */
export function busyChoice(
  ctx: FlowContext,
  state: CallState,
  digits: string | undefined,
): FlowResult {
  // A call in flight when the territory turned centre15: a callback would ring a doctor.
  if (inCentre15(ctx)) return toRegulation(ctx, state);
  if (digits === '2' && !ctx.caller.hidden) {
    const t = voice(state.lang);
    return {
      steps: [say(t.callbackRecorded(ctx.caller.isMobile), state.lang), { verb: 'hangup' }],
      effects: [
        { kind: 'visit', node: 'busy_callback' },
        { kind: 'request_callback', reason: 'doctor_busy' },
        { kind: 'outcome', outcome: 'callback' },
      ],
    };
  }
  const steps: Step[] = [
    {
      verb: 'enqueue',
      queue: ctx.holdQueue,
      waitPath: voicePath('hold-wait', state),
      action: voicePath('hold-result', state),
    },
  ];
  return { steps, effects: [{ kind: 'visit', node: 'hold' }] };
}

/**
 * The <Enqueue> wait document, fetched again by Twilio each time it ends: position (Twilio's),
 * then a pause. Once the caller has held `limitSeconds` (Twilio's QueueTime), they leave the
 * queue: its action (hold-result) escalates to the backup level, the fallback line, a callback.
 */
export function holdWait(
  state: CallState,
  position: number,
  waitedSeconds: number,
  limitSeconds: number,
): FlowResult {
  const t = voice(state.lang);
  const left = limitSeconds - waitedSeconds;
  if (left <= 0)
    return {
      steps: [say(t.holdLimitReached, state.lang), { verb: 'leave' }],
      effects: [{ kind: 'visit', node: 'hold_limit' }],
    };
  // Short pauses near the limit, so that the caller leaves close to it.
  const pause = Math.max(1, Math.min(10, Math.ceil(left / 2)));
  return {
    steps: [
      say(t.holdPosition(position), state.lang),
      { verb: 'pause', seconds: pause },
      say(t.holdMusic, state.lang),
      { verb: 'pause', seconds: pause },
    ],
    effects: [],
  };
}

/** After the queue: bridged means connected; otherwise try the rota from the backup on. */
export function holdResult(
  ctx: FlowContext,
  state: CallState,
  queueResult: string | undefined,
): FlowResult {
  const left: Effect = { kind: 'left_hold' };
  if (queueResult === 'bridged')
    return {
      steps: [{ verb: 'hangup' }],
      effects: [left, { kind: 'outcome', outcome: 'connected' }],
    };
  if (queueResult === 'hangup')
    return {
      steps: [{ verb: 'hangup' }],
      effects: [left, { kind: 'outcome', outcome: 'abandoned' }],
    };
  const next = routeToContact({ ...ctx, doctorBusy: false }, { ...state, attempt: 1 });
  return { steps: next.steps, effects: [left, ...next.effects] };
}

/** Offered to a doctor who just hung up while patients hold: "1" takes the next one. */
export function queueOffer(territoryName: string, offer: QueueOfferRef): FlowResult {
  return {
    steps: [
      {
        verb: 'gather',
        numDigits: 1,
        timeout: 8,
        action: queueTakePath(offer),
        prompts: [say(professionalPrompts.screenQueue(territoryName), 'fr')],
      },
      say(professionalPrompts.noKeyPressed, 'fr'),
      { verb: 'hangup' },
    ],
    effects: [],
  };
}

/**
 * The doctor's answer to the queue offer: 1 bridges them to the first caller holding. `front` is
 * what the node found in Twilio's queue: 'claimed' (the oldest caller, the doctor claimed for
 * them), 'empty' (nobody holds any more), 'refused' (the doctor is bridged elsewhere).
 * `pro`, the doctor on this leg, goes in the Queue's url: the caller Twilio takes (the oldest
 * when it dials, which only Twilio knows) then records who took them (holdTaken).
 */
export function queueTake(
  queue: string,
  digits: string | undefined,
  front: 'claimed' | 'empty' | 'refused' = 'claimed',
  pro = '',
): FlowResult {
  const p = professionalPrompts;
  if (digits !== '1')
    return { steps: [say(p.noKeyPressed, 'fr'), { verb: 'hangup' }], effects: [] };
  if (front !== 'claimed') {
    const sentence = front === 'refused' ? p.alreadyBridged : p.queueEmpty;
    return { steps: [say(sentence, 'fr'), { verb: 'hangup' }], effects: [] };
  }
  return {
    steps: [
      {
        verb: 'dial_queue',
        queue,
        action: '/twilio/fallback/after-queue',
        dequeuedPath: queueDequeuedPath(pro),
      },
    ],
    effects: [{ kind: 'queue_taken', queue }],
  };
}

/**
 * The caller a doctor just took from the queue (Twilio's <Queue url>, on the caller's own call):
 * their record says who answered and when, as for a rung doctor, so that the fiche, the figures
 * and the report count the régulateur. `doctor` is who the live bridge claim of the dialling leg
 * names; unknown, nothing is recorded but leaving the queue (the hold result says connected).
 * Either way the caller hears one sentence (French, then English: the doctor's leg does not know
 * the caller's language) and is bridged.
 */
export function holdTaken(
  ctx: FlowContext | null,
  state: CallState,
  doctor: string | null,
): FlowResult {
  const steps: Step[] = [say(voice('fr').holdTaken, 'fr'), say(voice('en').holdTaken, 'en')];
  const left: Effect = { kind: 'left_hold' };
  if (!doctor) return { steps, effects: [left] };
  const listed = ctx?.contacts.find((c) => c.professionalId === doctor && c.source !== 'fallback');
  const contact: Contact = listed ?? {
    professionalId: doctor,
    name: '',
    phone: '',
    level: 1,
    source: 'shift',
    shiftId: null,
  };
  return {
    steps,
    effects: [
      { kind: 'visit', node: 'hold_taken' },
      left,
      { kind: 'connected', attempt: state.attempt, contact },
    ],
  };
}
