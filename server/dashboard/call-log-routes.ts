import { Router } from 'express';
import { callbacksReadableBy } from '../callbacks/store.js';
import { canReadTerritory, requireRead, shownNumber } from '../access/actor.js';
import type { AppDeps } from '../platform/deps.js';
import { notFound } from '../platform/http-errors.js';
import { callLogQuery, callSidParam } from './schema.js';
import { callBySid, callLogPage, callPathOf } from './store.js';
import { callPathSentences } from './call-path.js';

/** The call log and callback queue of the actor's territories, for those `mayRead` lets read them (as the pages). */
export function callsRouter(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.db;
  router.get('/calls', requireRead('callLog'), async (req, res) => {
    const actor = req.actor!;
    const f = callLogQuery.parse(req.query);
    const rows = await callLogPage(
      db,
      actor,
      { outcome: f.outcome, since: f.from, until: f.to },
      500,
    );
    res.json({ calls: rows.map((c) => ({ ...c, fromNumber: shownNumber(actor, c.fromNumber) })) });
  });
  router.get('/calls/:sid', requireRead('callLog'), async (req, res) => {
    const actor = req.actor!;
    const sid = callSidParam.safeParse(req.params.sid);
    const call = sid.success ? await callBySid(db, sid.data) : null;
    // Another territory's call is as unknown as a call that never was: its existence is not told.
    if (!call || !canReadTerritory(actor, call.territoryId ?? '')) throw notFound('Appel');
    const named = await callPathOf(db, call.callSid);
    const events = named.map((r) => r.event);
    // The path in French sentences, as the call's page shows it (times in Paris).
    const path = callPathSentences(
      named.map(({ event: e, professionalName }) => ({ ...e, professionalName })),
      { at: call.endedAt, durationSeconds: call.durationSeconds },
      'Europe/Paris',
    ).map((s) => ({ at: s.at, sentence: `${s.time} ${s.text}` }));
    res.json({ call: { ...call, fromNumber: shownNumber(actor, call.fromNumber) }, events, path });
  });
  router.get('/callbacks', requireRead('callbacks'), async (req, res) => {
    const actor = req.actor!;
    const rows = await callbacksReadableBy(db, actor, 200);
    res.json({
      callbacks: rows.map((c) => ({ ...c, patientNumber: shownNumber(actor, c.patientNumber) })),
    });
  });
  return router;
}
