import { Router } from 'express';
import type { AppDeps } from '../platform/deps.js';
import { uuidParam } from '../platform/params.js';
import { addReturnHomeItem, assignReturnHomeItem, tickReturnHomeItem } from './commands.js';
import { coordination, myPatients, stayDetail, type StayDetail } from './reads.js';
import { assignment, newItem, tick } from './schema.js';

/** What an assignee reads of a stay: who, and when they are home. Nothing of the hospital stay. */
function stayJson(d: StayDetail) {
  const { stay, access } = d.view;
  if (access !== 'assignee') return { access, stay, movements: d.movements, notices: d.notices };
  const { id, patientFamilyName, patientGivenName, patientBirthDate, status } = stay;
  return {
    access,
    stay: {
      id,
      patientFamilyName,
      patientGivenName,
      patientBirthDate,
      status,
      expectedDischargeAt: stay.expectedDischargeAt,
      dischargedAt: stay.dischargedAt,
    },
  };
}

/** The hospital's JSON doors: the same reads and the same commands as the pages. */
export function hospitalRouter(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.db;
  router.get('/my-patients', async (req, res) => {
    const mine = await myPatients(db, req.actor!, deps.now());
    res.json({ stays: mine.stays, tasks: mine.tasks });
  });
  router.get('/hospital/coordination', async (req, res) => {
    const c = await coordination(db, req.actor!, deps.now());
    res.json({ worklist: c.worklist, current: c.current, late: c.late });
  });
  router.get('/hospital/stays/:id', async (req, res) => {
    const d = await stayDetail(db, req.actor!, uuidParam.parse(req.params.id));
    res.json({ ...stayJson(d), items: d.items });
  });
  router.post('/hospital/stays/:id/items', async (req, res) => {
    const stayId = uuidParam.parse(req.params.id);
    const item = await addReturnHomeItem(deps, req.actor!, stayId, newItem.parse(req.body ?? {}));
    res.status(201).json({ item });
  });
  router.post('/hospital/items/:id/assign', async (req, res) => {
    const { assignee } = assignment.parse(req.body ?? {});
    const item = await assignReturnHomeItem(
      deps,
      req.actor!,
      uuidParam.parse(req.params.id),
      assignee,
    );
    res.json({ item });
  });
  router.post('/hospital/items/:id/done', async (req, res) => {
    const { done } = tick.parse(req.body ?? {});
    const item = await tickReturnHomeItem(deps, req.actor!, uuidParam.parse(req.params.id), done);
    res.json({ item });
  });
  return router;
}
