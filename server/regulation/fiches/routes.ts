import { Router, type Request } from 'express';
import type { AppDeps } from '../../platform/deps.js';
import { conflict, forbidden, notFound } from '../../platform/http-errors.js';
import { mayWriteFiche, viewerOf, writerOf } from './access.js';
import { ficheRefusals } from './catalogue-fr.js';
import { addAddendum, saveFiche } from './commands.js';
import { isLocked, lockedAt } from './lock.js';
import { addendumBody, ficheApiBody, ficheIdParam } from './schema.js';
import { addendaOf, ficheById } from './store.js';

/**
 * The fiche's JSON API: GET and PUT /api/fiches/:id, POST /api/fiches/:id/addenda. The same
 * readers and commands as the page: the régulateur writes, the territory's managers read.
 */
export function fichesRouter(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.db;
  const load = async (req: Request) => {
    const c = await ficheById(db, ficheIdParam.parse(req.params.id));
    if (!c?.fiche) throw notFound('Fiche');
    return { c, fiche: c.fiche, viewer: viewerOf(deps.config, c, null, req.actor, deps.now())! };
  };
  /** A write: its régulateur only, refused before its body is read (a manager gets a 403, not a 400). */
  const loadForWrite = async (req: Request) => {
    const loaded = await load(req);
    if (!mayWriteFiche(loaded.viewer, loaded.c)) throw forbidden(ficheRefusals.notRegulator);
    return loaded;
  };

  router.get('/fiches/:id', async (req, res) => {
    const { c, fiche } = await load(req);
    const now = deps.now();
    res.json({
      ...fiche,
      call: { id: c.call.id, startedAt: c.call.startedAt, endedAt: c.call.endedAt },
      territory: { id: c.territory.id, name: c.territory.name },
      regulator: c.regulator ? { id: c.regulator.id, name: c.regulator.name } : null,
      locked: isLocked(fiche, now),
      lockedAt: lockedAt(fiche),
      addenda: await addendaOf(db, fiche.id),
    });
  });

  router.put('/fiches/:id', async (req, res) => {
    const { fiche, viewer } = await loadForWrite(req);
    if (isLocked(fiche, deps.now())) throw conflict(ficheRefusals.locked);
    const body = ficheApiBody.parse(req.body ?? {});
    await saveFiche(deps, writerOf(viewer), fiche.id, {
      reasonCode: body.reasonCode,
      reasonText: body.reasonText ?? null,
      decision: body.decision,
      prescription: body.prescription,
      prescriptionText: body.prescriptionText ?? null,
      decidedAt: body.decidedAt ?? deps.now(),
    });
    const saved = await ficheById(db, fiche.id);
    res.json(saved?.fiche);
  });

  router.post('/fiches/:id/addenda', async (req, res) => {
    const { fiche, viewer } = await loadForWrite(req);
    const { text } = addendumBody.parse(req.body ?? {});
    const id = await addAddendum(deps, writerOf(viewer), fiche.id, text);
    res.status(201).json({ id });
  });
  return router;
}
