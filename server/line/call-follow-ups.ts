import { smsBody } from '../../ivr-flows/prompts/sms.js';
import { handOverOrKeep } from '../callbacks/outbox.js';
import type { CallbackRow } from '../callbacks/store.js';
import type { AppDeps } from '../platform/deps.js';
import { enqueue } from '../platform/enqueue.js';
import { nextMorning } from '../sms/follow-up-job.js';
import { handOverFicheOfCall } from '../regulation/fiches/link-sms.js';
import { queueSms } from '../sms/queue-sms.js';
import type { Turn } from './turn.js';
import type { TurnWrites } from './turn-writes.js';

/**
 * The follow-ups of a turn, planned as data (so they can wait in the outbox), then handed to the
 * queue once PostgreSQL holds them. A hidden number is never promised a callback.
 */
export function plannedCallback(turn: Turn, reason: string): TurnWrites['callback'] {
  const { line, callSid } = turn;
  const from = turn.params.From;
  const lang = turn.url.state.lang;
  if (!line || !from || turn.flow?.caller.hidden) return undefined;
  const territory = line.territory.territory;
  return {
    territoryId: territory.id,
    serviceId: line.doctorService?.id ?? null,
    patientNumber: from,
    lang,
    reason,
    dueBy: new Date(turn.now.getTime() + territory.settings.callbackDeadlineMinutes * 60_000),
    confirmation: turn.flow?.caller.isMobile
      ? {
          territoryId: territory.id,
          to: from,
          from: line.calledNumber,
          body: smsBody('callback_confirmation', lang, { territory: territory.name }),
          kind: 'callback_confirmation',
          dedupeKey: `${callSid}/sms/callback_confirmation`,
        }
      : null,
  };
}

/** The pharmacy on duty by SMS, when the caller asked for it. */
export function plannedPharmacySms(turn: Turn): TurnWrites['sms'] {
  const pharmacy = turn.flow?.territory.pharmacy;
  const from = turn.params.From;
  if (!pharmacy || !from || !turn.line) return [];
  const body = smsBody('pharmacy_details', turn.url.state.lang, {
    name: pharmacy.name,
    phone: pharmacy.phone,
  });
  return [
    {
      territoryId: turn.line.territory.territory.id,
      to: from,
      from: turn.line.calledNumber,
      body,
      kind: 'pharmacy_details',
      dedupeKey: `${turn.callSid}/sms/pharmacy_details`,
    },
  ];
}

/** Next-morning follow-up SMS, when the territory enables it and the caller is on a mobile. */
export function plannedFollowUp(turn: Turn): TurnWrites['followUp'] {
  const territory = turn.line?.territory.territory;
  if (!territory?.settings.followUpSms || !turn.flow?.caller.isMobile) return undefined;
  return { delayMs: nextMorning(turn.now, territory.timeZone).getTime() - turn.now.getTime() };
}

/**
 * After the turn's rows are committed: the queue's part (callback rings, SMS sends, follow-up).
 * Each is idempotent (job ids, SMS dedupe keys) and none can lose what PostgreSQL now holds:
 * a callback not handed over stays in its outbox (enqueued_at null), an SMS stays queued.
 * Failures are logged, never thrown: the queue is not the database.
 */
export async function handOverFollowUps(
  deps: AppDeps,
  writes: TurnWrites,
  callback: CallbackRow | null,
): Promise<void> {
  const { callSid } = writes;
  const warn = (what: string) => (err: unknown) =>
    deps.logger.warn(
      { err: { code: (err as { code?: unknown }).code ?? null }, what },
      'follow-up left for the sweep',
    );
  // Only this call's request: a patient with an open request from an earlier call is not re-sent.
  if (callback && callback.callSid === callSid) {
    if (!callback.enqueuedAt) await handOverOrKeep(deps, callback);
    const confirmation = writes.callback?.confirmation;
    if (confirmation)
      await queueSms(deps, { ...confirmation, essential: true, callSid }).catch(warn('sms'));
  }
  for (const sms of writes.sms)
    await queueSms(deps, { ...sms, essential: true, callSid }).catch(warn('sms'));
  if (writes.followUp) {
    await enqueue(
      deps.jobs,
      'follow-up',
      { callSid },
      { jobId: `follow-up-${callSid.replace(/:/g, '')}`, delay: writes.followUp.delayMs },
    ).catch(warn('follow-up'));
  }
  // The fiche de régulation's link to the régulateur, and its reminder (idempotent, both).
  if (writes.ended || writes.connected)
    await handOverFicheOfCall(deps, callSid).catch(warn('fiche-link'));
}
