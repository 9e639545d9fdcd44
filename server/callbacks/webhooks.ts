import { Router } from 'express';
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { callbackAttempts, callbackRequests, territories } from '../../db/schema/index.js';
import {
  callbackAccept,
  callbackPatientAccept,
  callbackPatientResult,
  callbackPatientScreen,
  callbackScreen,
  safeFallback,
  type FlowResult,
} from '../../ivr-flows/index.js';
import type { AppDeps } from '../platform/deps.js';
import { maxCallbackRounds, roundDelayMs } from './callback-job.js';
import { giveUpCallback } from './give-up-job.js';
import { callbackJobId, enqueue } from '../platform/enqueue.js';
import { renderTwiml } from '../twilio/twiml.js';
import { voiceParams } from '../twilio/webhook-params.js';

const attemptQuery = z.object({
  cb: z.string().uuid(),
  a: z.coerce.number().int().min(1).max(20),
  c: z.coerce.number().int().min(0).max(50),
});
type AttemptRef = z.infer<typeof attemptQuery>;

/**
 * The outgoing calls of a callback job: the professional's leg (screened), then the bridge to
 * the patient, then what the job does next. Every answer is TwiML, whatever happens.
 */
export function callbackRouter(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.db;
  const load = async (ref: AttemptRef) => {
    const [row] = await db
      .select({ request: callbackRequests, territoryName: territories.name })
      .from(callbackRequests)
      .innerJoin(territories, eq(territories.id, callbackRequests.territoryId))
      .where(eq(callbackRequests.id, ref.cb));
    return row ?? null;
  };
  const setAttempt = (ref: AttemptRef, status: string) =>
    db
      .update(callbackAttempts)
      .set({ status, updatedAt: deps.now() })
      .where(
        and(
          eq(callbackAttempts.callbackId, ref.cb),
          eq(callbackAttempts.attempt, ref.a),
          eq(callbackAttempts.contactIndex, ref.c),
        ),
      );
  const query = (ref: AttemptRef) => `cb=${ref.cb}&a=${ref.a}&c=${ref.c}`;

  const handle = (
    node: string,
    fn: (ref: AttemptRef, params: ReturnType<typeof voiceParams.parse>) => Promise<FlowResult>,
  ) =>
    router.post(`/callback/${node}`, async (req, res) => {
      let result: FlowResult;
      try {
        const ref = attemptQuery.parse(req.query);
        result = await fn(ref, voiceParams.parse(req.body ?? {}));
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
    const row = await load(ref);
    return callbackScreen(row?.territoryName ?? 'la plateforme', query(ref));
  });
  handle('accept', async (ref, params) => {
    const row = await load(ref);
    if (!row || params.Digits !== '1') return callbackAccept(undefined, '', '', query(ref));
    await setAttempt(ref, 'accepted');
    return callbackAccept('1', row.request.patientNumber, params.From ?? '', query(ref));
  });
  handle('patient-screen', async (ref) => {
    const row = await load(ref);
    return callbackPatientScreen(
      row?.territoryName ?? 'la plateforme',
      row?.request.lang === 'en' ? 'en' : 'fr',
      query(ref),
    );
  });
  handle('patient-accept', async (ref, params) => {
    const row = await load(ref);
    if (params.Digits === '1') await setAttempt(ref, 'patient_accepted');
    return callbackPatientAccept(params.Digits, row?.request.lang === 'en' ? 'en' : 'fr');
  });
  handle('patient-result', async (ref) => {
    const row = await load(ref);
    if (!row) return callbackPatientResult(false, false);
    // Reached only if the patient pressed 1: a voicemail also makes the Dial "completed".
    const [attempt] = await db
      .select({ status: callbackAttempts.status })
      .from(callbackAttempts)
      .where(
        and(
          eq(callbackAttempts.callbackId, ref.cb),
          eq(callbackAttempts.attempt, ref.a),
          eq(callbackAttempts.contactIndex, ref.c),
        ),
      );
    const answered =
      attempt?.status === 'patient_accepted' || attempt?.status === 'patient_answered';
    if (answered) {
      await setAttempt(ref, 'patient_answered');
      await db
        .update(callbackRequests)
        .set({ status: 'done', completedAt: deps.now() })
        .where(eq(callbackRequests.id, ref.cb));
      return callbackPatientResult(true, false);
    }
    await setAttempt(ref, 'patient_no_answer');
    await db
      .update(callbackRequests)
      .set({ attempts: ref.a })
      .where(eq(callbackRequests.id, ref.cb));
    const willRetry = ref.a < maxCallbackRounds;
    if (willRetry) {
      // Same professional first next time: they already know the patient is waiting.
      await enqueue(
        deps.jobs,
        'callback',
        { callbackId: ref.cb, attempt: ref.a + 1, contactIndex: ref.c },
        { jobId: callbackJobId(ref.cb, ref.a + 1, ref.c), delay: roundDelayMs },
      );
    } else {
      await giveUpCallback(deps, row.request, 'patient did not answer');
    }
    return callbackPatientResult(false, willRetry);
  });
  handle('status', async (ref, params) => {
    if (params.CallStatus === 'initiated') {
      // Twilio has the call: keep its SID even if the job that placed it died before hearing it.
      if (params.CallSid) {
        await db
          .update(callbackAttempts)
          .set({ callSid: params.CallSid, status: 'ringing', updatedAt: deps.now() })
          .where(
            and(
              eq(callbackAttempts.callbackId, ref.cb),
              eq(callbackAttempts.attempt, ref.a),
              eq(callbackAttempts.contactIndex, ref.c),
              isNull(callbackAttempts.callSid),
            ),
          );
      }
      return { steps: [], effects: [] };
    }
    // The professional's leg ended. Not accepted (no keypress, voicemail, busy): next contact.
    const [attempt] = await db
      .select()
      .from(callbackAttempts)
      .where(
        and(
          eq(callbackAttempts.callbackId, ref.cb),
          eq(callbackAttempts.attempt, ref.a),
          eq(callbackAttempts.contactIndex, ref.c),
        ),
      );
    if (attempt && (attempt.status === 'ringing' || attempt.status === 'placing')) {
      await setAttempt(ref, `declined:${params.CallStatus ?? 'unknown'}`);
      await enqueue(
        deps.jobs,
        'callback',
        { callbackId: ref.cb, attempt: ref.a, contactIndex: ref.c + 1 },
        { jobId: callbackJobId(ref.cb, ref.a, ref.c + 1) },
      );
    }
    return { steps: [], effects: [] };
  });
  return router;
}
