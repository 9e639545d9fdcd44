import {
  acceptedKey,
  appendCallEvents,
  markConnected,
  setCallLanguage,
  setCallOutcome,
  type CallEvent,
} from './call-record-store.js';
import { requestCallback } from '../callbacks/store.js';
import type { Effect, FlowContext, Lang } from '../../ivr-flows/types.js';
import { smsBody } from '../../ivr-flows/prompts/sms.js';
import type { AppDeps } from '../platform/deps.js';
import { handOverOrKeep } from '../callbacks/outbox.js';
import { enqueue } from '../platform/enqueue.js';
import { nextMorning } from '../sms/follow-up-job.js';
import { queueSms } from '../sms/queue-sms.js';
import type { CallBoards } from './call-boards.js';
import type { LineContext } from './line-context.js';

export interface EffectScope {
  callSid: string;
  from: string | undefined;
  lang: Lang;
  line: LineContext | null;
  flow: FlowContext | null;
}

/**
 * Records what a flow step did. In-memory facts first (they work with the database down),
 * then the call record; a callback request is written before the caller is told it is.
 */
export async function applyEffects(
  deps: AppDeps,
  boards: CallBoards,
  scope: EffectScope,
  effects: Effect[],
  options: { memoryOnly?: boolean } = {},
): Promise<void> {
  const now = deps.now();
  const db = deps.db.db;
  const events: CallEvent[] = [];
  const later: (() => Promise<unknown>)[] = [];
  for (const effect of effects) {
    switch (effect.kind) {
      case 'visit':
        if (effect.node === 'hold' && scope.flow) boards.hold(scope.flow.holdQueue, scope.callSid);
        events.push({
          kind: 'visit',
          node: effect.node,
          detail: effect.digits ? { digits: effect.digits } : {},
        });
        break;
      case 'set_lang':
        later.push(() => setCallLanguage(db, scope.callSid, effect.lang));
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
          dedupeKey: `${scope.callSid}/ring/${effect.attempt}`,
        });
        break;
      case 'ring_result':
        events.push({
          kind: 'ring_result',
          professionalId: effect.contact?.professionalId ?? null,
          detail: { attempt: effect.attempt, result: effect.result },
          dedupeKey: `${scope.callSid}/ring_result/${effect.attempt}`,
        });
        break;
      case 'accepted':
        boards.markAccepted(scope.callSid, effect.attempt, now);
        events.push({
          kind: 'accepted',
          detail: { attempt: effect.attempt },
          dedupeKey: acceptedKey(scope.callSid, effect.attempt),
        });
        break;
      case 'connected':
        if (effect.contact?.professionalId) {
          const flow = scope.flow;
          boards.markBridged(
            effect.contact.professionalId,
            scope.callSid,
            flow
              ? {
                  phone: effect.contact.phone,
                  queue: flow.holdQueue,
                  lineNumber: flow.lineNumber,
                  territoryName: flow.territory.name,
                }
              : undefined,
          );
        }
        later.push(() =>
          markConnected(db, scope.callSid, effect.contact?.professionalId ?? null, now),
        );
        later.push(() => scheduleFollowUp(deps, scope, now));
        break;
      case 'request_callback':
        later.push(() => recordCallback(deps, scope, effect.reason));
        break;
      case 'send_sms':
        later.push(() => sendPharmacyDetails(deps, scope));
        break;
      case 'outcome':
        later.push(() => setCallOutcome(db, scope.callSid, effect.outcome));
        break;
    }
  }
  if (options.memoryOnly) return;
  if (events.length === 0 && later.length === 0) return;
  await appendCallEvents(db, scope.callSid, now, events);
  for (const task of later) await task();
}

async function recordCallback(deps: AppDeps, scope: EffectScope, reason: string): Promise<void> {
  const line = scope.line;
  if (!line || !scope.from || scope.flow?.caller.hidden) return;
  const territory = line.territory.territory;
  const { created, callback } = await requestCallback(deps.db.db, {
    territoryId: territory.id,
    serviceId: line.doctorService?.id ?? null,
    callSid: scope.callSid,
    patientNumber: scope.from,
    lang: scope.lang,
    reason,
    dueBy: new Date(deps.now().getTime() + territory.settings.callbackDeadlineMinutes * 60_000),
  });
  if (!created) return;
  await handOverOrKeep(deps, callback);
  if (scope.flow?.caller.isMobile) {
    await queueSms(deps, {
      territoryId: territory.id,
      to: scope.from,
      from: line.calledNumber,
      body: smsBody('callback_confirmation', scope.lang, { territory: territory.name }),
      kind: 'callback_confirmation',
      essential: true,
      callSid: scope.callSid,
    });
  }
}

async function sendPharmacyDetails(deps: AppDeps, scope: EffectScope): Promise<void> {
  const pharmacy = scope.flow?.territory.pharmacy;
  if (!pharmacy || !scope.from || !scope.line) return;
  await queueSms(deps, {
    territoryId: scope.line.territory.territory.id,
    to: scope.from,
    from: scope.line.calledNumber,
    body: smsBody('pharmacy_details', scope.lang, { name: pharmacy.name, phone: pharmacy.phone }),
    kind: 'pharmacy_details',
    essential: true,
    callSid: scope.callSid,
  });
}

/** Next-morning follow-up SMS, when the territory enables it and the caller is on a mobile. */
async function scheduleFollowUp(deps: AppDeps, scope: EffectScope, now: Date): Promise<void> {
  const territory = scope.line?.territory.territory;
  if (!territory?.settings.followUpSms || !scope.flow?.caller.isMobile) return;
  const delay = nextMorning(now, territory.timeZone).getTime() - now.getTime();
  await enqueue(
    deps.jobs,
    'follow-up',
    { callSid: scope.callSid },
    { jobId: `follow-up-${scope.callSid.replace(/:/g, '')}`, delay },
  );
}
