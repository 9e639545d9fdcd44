import express, { Router, type Request, type Response } from 'express';
import { csrfToken, requireCsrf } from '../access/middleware.js';
import type { AppDeps } from '../platform/deps.js';
import { uuidParam } from '../platform/params.js';
import { refusalOf } from '../web/form-refusal.js';
import { html } from '../web/html.js';
import { page } from '../web/layout.js';
import { itemLabels } from './checklist.js';
import { itemById } from './checklist-store.js';
import { addReturnHomeItem, assignReturnHomeItem, tickReturnHomeItem } from './commands.js';
import { coordination, myPatients, stayDetail } from './reads.js';
import { assignment, newItem, tick } from './schema.js';
import { stayPage } from './stay-view.js';
import { lateTable, patientName, staysTable, when } from './views.js';

/**
 * The hospital pages: the GP's "Mes patients à l'hôpital", the coordination's worklist, one stay
 * and its return-home checklist. Every read is audited (reads.ts); writes go through commands.ts.
 */
export function hospitalPages(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.db;
  const form = [express.urlencoded({ extended: false }), requireCsrf];

  router.get('/my-patients', async (req, res) => {
    const actor = req.actor!;
    const now = deps.now();
    const mine = await myPatients(db, actor, now);
    // The coordination's page is not in the navigation yet (its length is tested): linked here.
    const coordinationLink =
      actor.role === 'professional'
        ? ''
        : html`<p><a href="/hospital">Coordination hôpital : séjours et tâches du territoire</a></p>`;
    const body = !mine.entry
      ? html`${coordinationLink}<p>Votre compte n’est lié à aucune fiche de l’annuaire : aucun patient à suivre ici.</p>`
      : html`<p class="muted">Les séjours dont vous êtes le médecin traitant, déclarés par les établissements, et les tâches de retour à domicile qui vous sont confiées.</p>
<h2>Mes patients</h2>${staysTable('Mes patients à l’hôpital', mine.stays)}
<h2>Tâches qui me sont confiées</h2>${
          mine.tasks.length
            ? html`<ul>${mine.tasks.map(({ item, stay }) => html`<li><a href="/hospital/stays/${stay.id}">${itemLabels[item.kind]} · ${patientName(stay)}</a> · pour le ${when(item.dueAt)}${item.doneAt ? ' · fait' : ''}</li>`)}</ul>`
            : html`<p class="muted">Aucune tâche.</p>`
        }`;
    res.type('html').send(page('Mes patients à l’hôpital', actor, body, csrfToken(req)));
  });

  router.get('/hospital', async (req, res) => {
    const actor = req.actor!;
    const now = deps.now();
    const c = await coordination(db, actor, now);
    const body = html`<h2>À traiter : médecin traitant absent de l’annuaire</h2>${staysTable('Médecin traitant absent', c.worklist)}
<h2>Tâches en retard</h2>${lateTable(c.late, (i) => (i.assigneeEntryId ? (c.assignees.get(i.assigneeEntryId) ?? '—') : 'personne'), now)}
<h2>Tous les séjours en cours</h2>${staysTable('Séjours en cours', c.current, (s) => (s.gpEntryId ? (c.gps.get(s.gpEntryId) ?? '—') : 'absent de l’annuaire'))}`;
    res.type('html').send(page('Coordination hôpital', actor, body, csrfToken(req)));
  });

  const showStay = async (req: Request, res: Response, id: string, status = 200, err?: unknown) => {
    const detail = await stayDetail(db, req.actor!, id);
    const refusal = err ? refusalOf(err) : null;
    res
      .status(status)
      .type('html')
      .send(
        page(
          `Séjour de ${patientName(detail.view.stay)}`,
          req.actor,
          stayPage(detail, csrfToken(req), deps.now(), refusal),
          csrfToken(req),
        ),
      );
  };

  router.get('/hospital/stays/:id', async (req, res) => {
    await showStay(req, res, uuidParam.parse(req.params.id));
  });

  // A refused form shows the stay again with the reason; anything else goes to the error page.
  const orShowAgain = async (req: Request, res: Response, stayId: string, err: unknown) => {
    const refusal = refusalOf(err);
    if (!refusal || refusal.status === 404) throw err;
    await showStay(req, res, stayId, refusal.status, err);
  };

  router.post('/hospital/stays/:id/items', ...form, async (req, res) => {
    const stayId = uuidParam.parse(req.params.id);
    try {
      await addReturnHomeItem(deps, req.actor!, stayId, newItem.parse(req.body ?? {}));
    } catch (err) {
      return orShowAgain(req, res, stayId, err);
    }
    res.redirect(303, `/hospital/stays/${stayId}`);
  });

  const itemForm =
    (write: (req: Request, itemId: string) => Promise<unknown>) =>
    async (req: Request, res: Response) => {
      const itemId = uuidParam.parse(req.params.id);
      const item = await itemById(db, itemId);
      try {
        await write(req, itemId);
      } catch (err) {
        if (!item) throw err;
        return orShowAgain(req, res, item.stayId, err);
      }
      res.redirect(303, `/hospital/stays/${item!.stayId}`);
    };

  router.post(
    '/hospital/items/:id/assign',
    ...form,
    itemForm((req, id) =>
      assignReturnHomeItem(deps, req.actor!, id, assignment.parse(req.body ?? {}).assignee),
    ),
  );
  router.post(
    '/hospital/items/:id/done',
    ...form,
    itemForm((req, id) =>
      tickReturnHomeItem(deps, req.actor!, id, tick.parse(req.body ?? {}).done),
    ),
  );
  return router;
}
