import { Router } from 'express';
import { and, desc, eq, gte, inArray, lt, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { listCallbacks } from '../callbacks/store.js';
import { callEvents, callRecords } from '../../db/schema/index.js';
import { seesFullNumbers, type Actor } from '../access/actor.js';
import type { AppDeps } from '../platform/deps.js';
import { forbidden, notFound } from '../platform/http-errors.js';
import { maskPhone } from '../platform/logger.js';

const filters = z.object({
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  outcome: z
    .enum([
      'connected',
      'callback',
      'closed_hours',
      'hung_up_after_warning',
      'abandoned',
      'call_15_first',
      'pharmacy_info',
      'fallback',
    ])
    .optional(),
});

const scoped = (actor: Actor) => (actor.role === 'admin' ? null : actor.territoryIds);
export const shownNumber = (actor: Actor, number: string) =>
  seesFullNumbers(actor) ? number : maskPhone(number);

/** The call log and callback queue of the actor's territories; numbers masked for professionals. */
export function callsRouter(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.db;
  router.get('/calls', async (req, res) => {
    const actor = req.actor!;
    const f = filters.parse(req.query);
    const territories = scoped(actor);
    const where: SQL[] = [];
    if (territories)
      where.push(
        inArray(
          callRecords.territoryId,
          territories.length ? territories : ['00000000-0000-0000-0000-000000000000'],
        ),
      );
    if (f.from) where.push(gte(callRecords.startedAt, f.from));
    if (f.to) where.push(lt(callRecords.startedAt, f.to));
    if (f.outcome) where.push(eq(callRecords.outcome, f.outcome));
    const rows = await db
      .select()
      .from(callRecords)
      .where(and(...where))
      .orderBy(desc(callRecords.startedAt))
      .limit(500);
    res.json({ calls: rows.map((c) => ({ ...c, fromNumber: shownNumber(actor, c.fromNumber) })) });
  });
  router.get('/calls/:sid', async (req, res) => {
    const actor = req.actor!;
    const [call] = await db
      .select()
      .from(callRecords)
      .where(eq(callRecords.callSid, req.params.sid));
    if (!call) throw notFound('Appel');
    if (scoped(actor) && !scoped(actor)!.includes(call.territoryId ?? '')) throw forbidden();
    const events = await db
      .select()
      .from(callEvents)
      .where(eq(callEvents.callSid, call.callSid))
      .orderBy(callEvents.at, callEvents.id);
    res.json({ call: { ...call, fromNumber: shownNumber(actor, call.fromNumber) }, events });
  });
  router.get('/callbacks', async (req, res) => {
    const actor = req.actor!;
    const rows = await listCallbacks(
      db,
      scoped(actor) ??
        (await db.selectDistinct({ id: callRecords.territoryId }).from(callRecords)).map(
          (r) => r.id ?? '',
        ),
    );
    res.json({
      callbacks: rows.map((c) => ({ ...c, patientNumber: shownNumber(actor, c.patientNumber) })),
    });
  });
  return router;
}
