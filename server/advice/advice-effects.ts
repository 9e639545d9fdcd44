import type { AdviceEffect } from '../../ivr-flows/professional-line.js';
import type { AdviceUrl } from '../../ivr-flows/professional-line-url.js';
import type { LiveCalls } from '../line/call-state.js';
import type { AppDeps } from '../platform/deps.js';
import type { Logger } from '../platform/logger.js';
import type { VoiceParams } from '../twilio/webhook-params.js';
import type { AdviceTurn } from './advice-context.js';
import { storeAvisRequest } from './avis-commands.js';
import { recordAdviceCall } from './store.js';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Records what a professionals'-line flow returned, before the answer. The trace of a ring is
 * best effort (logged when lost); the avis request is not: false when it could not be stored, so
 * that the caller is never told it is.
 */
export async function applyAdviceEffects(
  deps: AppDeps,
  live: LiveCalls,
  t: AdviceTurn,
  url: AdviceUrl,
  params: VoiceParams,
  effects: AdviceEffect[],
  now: Date,
  log: Logger,
): Promise<boolean> {
  const ring = (
    attempt: number,
    specialty: string,
    entry: string,
    answered: boolean,
    callSid: string,
  ) =>
    recordAdviceCall(deps.db.db, {
      territoryId: t.territory.id,
      callSid,
      attempt,
      callerEntryId: t.requester?.id ?? null,
      specialistEntryId: uuid.test(entry) ? entry : null,
      specialtyCode: specialty,
      at: now,
      answered,
    }).catch((err: unknown) => log.error({ err }, 'advice call not recorded'));
  for (const effect of effects) {
    switch (effect.kind) {
      case 'accepted':
        // On the specialist's leg: the GP's call is the one named in the URL.
        await live
          .accept(url.call, effect.attempt)
          .catch((err: unknown) => log.warn({ err }, 'acceptance not shared'));
        await ring(effect.attempt, url.specialty, url.entry, true, url.call);
        break;
      case 'advice_call':
        await ring(
          effect.attempt,
          effect.specialty,
          effect.entryId,
          effect.answered,
          params.CallSid,
        );
        break;
      case 'avis_request': {
        if (!t.requester) return false;
        const stored = await storeAvisRequest(deps, {
          territory: t.territory,
          lineNumber: t.flow.lineNumber,
          callSid: params.CallSid,
          requester: t.requester,
          from: params.From ?? '',
          specialty: effect.specialty,
          specialistEntryIds: effect.specialistEntryIds,
          deadlineHours: effect.deadlineHours,
          now,
        }).then(
          () => true,
          (err: unknown) => (log.error({ err }, 'avis request not stored'), false),
        );
        if (!stored) return false;
        break;
      }
    }
  }
  return true;
}
