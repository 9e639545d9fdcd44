import { crraHandoff } from '../../../ivr-flows/patient-line-handoff.js';
import {
  auditActorOf,
  canManageTerritory,
  canReadTerritory,
  type Actor,
} from '../../access/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { AppDeps } from '../../platform/deps.js';
import { conflict, forbidden, HttpError, notFound } from '../../platform/http-errors.js';
import { markConnected } from '../../line/call-record-store.js';
import { redirectLiveCall } from '../../twilio/live-call-redirect.js';
import { renderTwiml } from '../../twilio/twiml.js';
import type { CallRef } from './schema.js';
import {
  acceptedProfessionalsOf,
  callForHandoff,
  recordHandoff,
  releaseHandoff,
  wasHandedOff,
  type HandoffCall,
} from './store.js';

/** Why a call cannot be handed to the CRRA now; null when it can. */
export function handoffRefusal(call: HandoffCall, handedOff: boolean): string | null {
  if (call.status !== 'in-progress' || call.endedAt)
    return "L'appel est terminé : le patient ne peut plus être transféré. The call has ended.";
  if (!call.territory?.crraNumber)
    return "Ce territoire n'a pas de numéro du CRRA : indiquez au patient de composer le 15. No CRRA number for this territory.";
  if (handedOff) return 'Le patient a déjà été transféré au 15. Already handed to the CRRA.';
  return null;
}

/**
 * The call, if the actor may hand its patient to the CRRA: a manager of its territory, or the
 * régulateur (a professional a keypress bridged to the patient on this call). 404 for a call the
 * actor does not read; 403 for anyone else of the territory.
 */
export async function handoffCallFor(
  deps: AppDeps,
  actor: Actor,
  ref: CallRef,
): Promise<HandoffCall> {
  const db = deps.db.db;
  const call = await callForHandoff(db, ref);
  if (!call?.territoryId || !canReadTerritory(actor, call.territoryId)) throw notFound('Appel');
  if (canManageTerritory(actor, call.territoryId)) return call;
  if (!actor.professionalId) throw forbidden();
  if (!(await bridgedTo(deps, call)).includes(actor.professionalId))
    throw forbidden("Réservé au médecin régulateur de l'appel et à la coordination.");
  return call;
}

/** The professionals bridged to the patient on this call, the latest last. */
async function bridgedTo(deps: AppDeps, call: HandoffCall): Promise<string[]> {
  const bridged = await acceptedProfessionalsOf(deps.db.db, call.callSid);
  if (call.connectedProfessionalId) bridged.push(call.connectedProfessionalId);
  // A doctor who took the patient from the hold queue is bridged in the live-call facts only.
  const live = (await deps.live?.bridges().catch(() => [])) ?? [];
  for (const b of live) if (b.callSid === call.callSid) bridged.push(b.professionalId);
  return bridged;
}

/**
 * Hands the live patient to the CRRA: the hand-off is first claimed in the call's path (its
 * unique dedupe key: two concurrent submits, or a retry, get 409 and never redirect twice,
 * which would cut the patient's conversation with the CRRA), then Twilio's REST API redirects
 * the patient's own call (the inbound leg, out of its bridge with the régulateur) to a Dial of
 * the CRRA's long number. A redirect that did not happen gives its claim back.
 */
export async function handOffToCrra(
  deps: AppDeps,
  actor: Actor,
  ref: CallRef,
): Promise<HandoffCall> {
  const db = deps.db.db;
  const call = await handoffCallFor(deps, actor, ref);
  const refusal = handoffRefusal(call, await wasHandedOff(db, call.callSid));
  if (refusal) throw conflict(refusal);
  const now = deps.now();
  const claimed = await recordHandoff(db, {
    callSid: call.callSid,
    at: now,
    professionalId: actor.professionalId,
    userId: actor.userId,
  });
  if (!claimed) throw conflict(handoffRefusal(call, true)!);
  const { crraNumber, regionalRegulationNumber } = call.territory!;
  const lang = call.lang === 'en' ? 'en' : 'fr';
  const twiml = renderTwiml(
    crraHandoff(crraNumber!, regionalRegulationNumber, lang).steps,
    deps.publicUrl,
  );
  let outcome;
  try {
    outcome = await redirectLiveCall(deps.twilio, call.callSid, twiml);
  } catch (err) {
    deps.logger.error({ err }, 'crra hand-off: Twilio refused the redirect');
    await releaseHandoff(db, call.callSid);
    throw new HttpError(
      502,
      'telephony_unavailable',
      'La téléphonie ne répond pas : le patient est toujours en ligne avec vous. Telephony unavailable.',
    );
  }
  if (outcome === 'not_in_progress') {
    await releaseHandoff(db, call.callSid);
    throw conflict(handoffRefusal({ ...call, status: 'completed' }, false)!);
  }
  // The redirect ends the régulateur's Dial without its action: the record says who answered.
  const regulator = call.connectedProfessionalId
    ? null
    : ((await bridgedTo(deps, call)).at(-1) ?? null);
  await db.transaction(async (tx) => {
    if (regulator) await markConnected(tx, call.callSid, { professionalId: regulator }, now);
    await recordAudit(tx, auditActorOf(actor), {
      action: 'call.crra_handoff',
      entity: 'call',
      entityId: call.id,
      territoryId: call.territoryId,
      after: { handedOffTo: 'crra', at: now.toISOString() },
    });
  });
  return call;
}
