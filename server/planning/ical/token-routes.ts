import { Router } from 'express';
import type { AppDeps } from '../../platform/deps.js';
import { forbidden } from '../../platform/http-errors.js';
import { uuidParam } from '../../platform/params.js';
import { rotateProfessionalIcalToken, rotateServiceIcalToken } from './commands.js';

/**
 * API: rotate an iCal feed's secret (a URL leaked, shared or written in a log): the answer
 * carries the new URL once; the old one answers 404 from then on.
 */
export function icalTokenRouter(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.db;
  const feedUrl = (kind: string, token: string) => `${deps.publicUrl}/ical/${kind}/${token}.ics`;

  router.post('/me/ical-token', async (req, res) => {
    const professionalId = req.actor!.professionalId;
    // Like the page /me: an account without a directory entry has no feed of its own.
    if (!professionalId) throw forbidden();
    const token = await rotateProfessionalIcalToken(db, req.actor!, professionalId);
    res.status(201).json({ url: feedUrl('professional', token) });
  });
  router.post('/professionals/:id/ical-token', async (req, res) => {
    const token = await rotateProfessionalIcalToken(db, req.actor!, uuidParam.parse(req.params.id));
    res.status(201).json({ url: feedUrl('professional', token) });
  });
  router.post('/services/:id/ical-token', async (req, res) => {
    const token = await rotateServiceIcalToken(db, req.actor!, uuidParam.parse(req.params.id));
    res.status(201).json({ url: feedUrl('service', token) });
  });
  return router;
}
