import { Router } from 'express';
import {
  callbackAccept,
  callbackPatientAccept,
  callbackPatientResult,
  callbackPatientScreen,
  callbackScreen,
  parseCallbackUrl,
  safeFallback,
  type CallbackRef,
  type FlowResult,
} from '../../ivr-flows/index.js';
import type { AppDeps } from '../platform/deps.js';
import { callbackJobId, enqueue } from '../platform/enqueue.js';
import { renderTwiml } from '../twilio/twiml.js';
import { voiceParams, type VoiceParams } from '../twilio/webhook-params.js';
import {
  attemptOfCall,
  attemptRinging,
  callbackDone,
  callbackOfCall,
  callbackRoundsTried,
  setAttemptStatus,
} from './attempt-store.js';
import { maxCallbackRounds, roundDelayMs } from './callback-job.js';
import { giveUpCallback } from './give-up-job.js';

const nothing: FlowResult = { steps: [], effects: [] };

/**
 * The outgoing calls of a callback job: the professional's leg (screened), then the bridge to
 * the patient, then what the job does next. Every answer is TwiML, whatever happens.
 */
export function callbackRouter(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.db;
  const setAttempt = (ref: CallbackRef, status: string) =>
    setAttemptStatus(db, ref, status, deps.now());
  const langOf = (row: Awaited<ReturnType<typeof callbackOfCall>>) =>
    row?.request.lang === 'en' ? 'en' : 'fr';

  const handle = (
    node: string,
    fn: (ref: CallbackRef, params: VoiceParams, answered: () => boolean) => Promise<FlowResult>,
  ) =>
    router.post(`/callback/${node}`, async (req, res) => {
      let result: FlowResult;
      try {
        const ref = parseCallbackUrl(req.query);
        result = await fn(ref, voiceParams.parse(req.body ?? {}), () => res.headersSent);
      } catch (err) {
        req.log.error({ err, node }, 'callback webhook failed');
        result = {
          steps: safeFallback(null).steps.slice(0, 1).concat({ verb: 'hangup' }),
          effects: [],
        };
      }
      if (node !== 'status') res.type('text/xml').send(renderTwiml(result.steps, deps.publicUrl));
      else res.status(204).end();
    });

  handle('screen', async (ref) => {
    const row = await callbackOfCall(db, ref);
    return callbackScreen(row?.territoryName ?? 'la plateforme', ref);
  });
  handle('accept', async (ref, params, answered) => {
    const row = await callbackOfCall(db, ref);
    if (!row || params.Digits !== '1') return callbackAccept(undefined, '', '', ref);
    // Too late: the budget already apologised and hung up on the professional. Left ringing,
    // the attempt's end (the status callback) moves the callback on to the next contact.
    if (answered()) return callbackAccept(undefined, '', '', ref);
    await setAttempt(ref, 'accepted');
    return callbackAccept('1', row.request.patientNumber, params.From ?? '', ref);
  });
  handle('patient-screen', async (ref) => {
    const row = await callbackOfCall(db, ref);
    return callbackPatientScreen(row?.territoryName ?? 'la plateforme', langOf(row), ref);
  });
  handle('patient-accept', async (ref, params) => {
    const row = await callbackOfCall(db, ref);
    if (params.Digits === '1') await setAttempt(ref, 'patient_accepted');
    return callbackPatientAccept(params.Digits, langOf(row));
  });
  handle('patient-result', async (ref) => {
    const row = await callbackOfCall(db, ref);
    if (!row) return callbackPatientResult(false, false);
    // Reached only if the patient pressed 1: a voicemail also makes the Dial "completed".
    const attempt = await attemptOfCall(db, ref);
    const answered =
      attempt?.status === 'patient_accepted' || attempt?.status === 'patient_answered';
    if (answered) {
      await setAttempt(ref, 'patient_answered');
      await callbackDone(db, ref, deps.now());
      return callbackPatientResult(true, false);
    }
    await setAttempt(ref, 'patient_no_answer');
    await callbackRoundsTried(db, ref);
    const willRetry = ref.round < maxCallbackRounds;
    if (willRetry) {
      // Same professional first next time: they already know the patient is waiting.
      const next = { callbackId: ref.callback, attempt: ref.round + 1, contactIndex: ref.contact };
      await enqueue(deps.jobs, 'callback', next, {
        jobId: callbackJobId(ref.callback, ref.round + 1, ref.contact),
        delay: roundDelayMs,
      });
    } else {
      await giveUpCallback(deps, row.request, 'patient did not answer');
    }
    return callbackPatientResult(false, willRetry);
  });
  handle('status', async (ref, params) => {
    if (params.CallStatus === 'initiated') {
      if (params.CallSid) await attemptRinging(db, ref, params.CallSid, deps.now());
      return nothing;
    }
    // The professional's leg ended. Not accepted (no keypress, voicemail, busy): next contact.
    const attempt = await attemptOfCall(db, ref);
    if (attempt && (attempt.status === 'ringing' || attempt.status === 'placing')) {
      await setAttempt(ref, `declined:${params.CallStatus ?? 'unknown'}`);
      const next = { callbackId: ref.callback, attempt: ref.round, contactIndex: ref.contact + 1 };
      await enqueue(deps.jobs, 'callback', next, {
        jobId: callbackJobId(ref.callback, ref.round, ref.contact + 1),
      });
    }
    return nothing;
  });
  return router;
}
