import { Router } from 'express';
import { specialtyLabel } from '../directory/national/codes.js';
import type { AppDeps } from '../platform/deps.js';
import { markAvisAnswered } from './avis-commands.js';
import { createAdviceOffer, deleteAdviceOffer, updateAdviceOffer } from './offer-commands.js';
import { adviceOfferInput, idParam } from './schema.js';
import { avisRequestsReadableBy, offersReadableBy } from './listing-store.js';

/**
 * The professionals' line's API: advice offers (a specialist's own, or a manager's territories')
 * and avis requests (to or from the person). Each write is one command, shared with the pages.
 */
export function adviceApiRouter(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.db;
  router.get('/advice/offers', async (req, res) => {
    const { offers } = await offersReadableBy(db, req.actor!);
    res.json({
      offers: offers.map((o) => ({
        id: o.id,
        entryId: o.entryId,
        specialist: o.specialist,
        specialty: o.specialtyCode,
        specialtyLabel: specialtyLabel(o.specialtyCode),
        directLine: o.directLine,
        deadlineHours: o.deadlineHours,
        windows: o.windows,
      })),
    });
  });
  router.post('/advice/offers', async (req, res) => {
    const id = await createAdviceOffer(db, req.actor!, adviceOfferInput.parse(req.body ?? {}));
    res.status(201).json({ id });
  });
  router.put('/advice/offers/:id', async (req, res) => {
    const id = idParam.parse(req.params.id);
    await updateAdviceOffer(db, req.actor!, id, adviceOfferInput.parse(req.body ?? {}));
    res.json({ id });
  });
  router.delete('/advice/offers/:id', async (req, res) => {
    await deleteAdviceOffer(db, req.actor!, idParam.parse(req.params.id));
    res.status(204).end();
  });
  router.get('/advice/requests', async (req, res) => {
    const rows = await avisRequestsReadableBy(db, req.actor!);
    const now = deps.now();
    res.json({
      requests: rows.map((r) => ({
        id: r.id,
        requester: r.requester,
        requesterPhone: r.requesterPhone,
        specialty: r.specialtyCode,
        deadline: r.deadline.toISOString(),
        status: r.status === 'open' && r.deadline < now ? 'overdue' : r.status,
        createdAt: r.createdAt.toISOString(),
        answeredAt: r.answeredAt?.toISOString() ?? null,
      })),
    });
  });
  router.post('/advice/requests/:id/answered', async (req, res) => {
    const id = idParam.parse(req.params.id);
    await markAvisAnswered(db, req.actor!, id, deps.now());
    res.json({ id, status: 'answered' });
  });
  return router;
}
