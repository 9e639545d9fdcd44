import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Database } from '../../db/client.js';
import { canManageTerritory, type Actor } from '../access/actor.js';
import { csrfToken, requireCsrf } from '../access/middleware.js';
import type { AppDeps } from '../platform/deps.js';
import { badRequest, forbidden, HttpError } from '../platform/http-errors.js';
import { servicesOfTerritories, territoriesReadableBy } from '../territories/store.js';
import { refusalOf, type Refusal } from '../web/form-refusal.js';
import { page } from '../web/layout.js';
import { createProfessional, updateProfessional } from './commands.js';
import { newProfessional, professionalPatch } from './schema.js';
import {
  professionalFields,
  professionalForm,
  type ProfessionalFields,
  type ServiceChoice,
} from './form.js';
import { professionalById, serviceIdsOf, type ProfessionalRow } from './store.js';

/** The territories an actor manages in the directory, and their services as checkboxes. */
export async function choicesFor(db: Database, actor: Actor) {
  // Professionals manage no territory's services (they edit only their own entry).
  const list = actor.role === 'professional' ? [] : await territoriesReadableBy(db, actor);
  const rows = await servicesOfTerritories(
    db,
    list.map((t) => t.id),
  );
  const name = new Map(list.map((t) => [t.id, t.name]));
  const services: ServiceChoice[] = rows.map((s) => ({
    id: s.id,
    territoryId: s.territoryId,
    label: list.length > 1 ? `${name.get(s.territoryId)} · ${s.name}` : s.name,
  }));
  return { territories: list, services };
}

/** Add a professional (managers), edit one (managers, or the professional themself). */
export function professionalFormPages(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.db;
  const form = express.urlencoded({ extended: false });
  const load = async (actor: Actor, id: string) => {
    const p = await professionalById(db, z.string().uuid('identifiant invalide').parse(id));
    if (!p) throw new HttpError(404, 'not_found', 'Professionnel introuvable');
    if (!canManageTerritory(actor, p.territoryId) && actor.professionalId !== p.id)
      throw forbidden('Vous ne pouvez modifier que votre propre fiche.');
    return p;
  };
  const fieldsOf = async (p: ProfessionalRow): Promise<ProfessionalFields> => ({
    territoryId: p.territoryId,
    name: p.name,
    profession: p.profession,
    mobile: p.mobile,
    email: p.email ?? '',
    languages: p.languages,
    serviceIds: await serviceIdsOf(db, p.id),
  });

  const renderNew = async (
    req: Request,
    res: Response,
    status: number,
    fields: ProfessionalFields,
    refusal?: Refusal,
  ) => {
    const m = await choicesFor(db, req.actor!);
    if (m.territories.length === 0)
      throw forbidden('Seule la coordination ajoute des professionnels.');
    const f = { ...fields, territoryId: fields.territoryId || m.territories[0]!.id };
    res
      .status(status)
      .type('html')
      .send(
        page(
          'Ajouter un professionnel',
          req.actor,
          professionalForm('/professionals/new', f, {
            csrf: csrfToken(req),
            error: refusal?.message,
            invalid: refusal?.fields,
            services: m.services,
            territories: m.territories,
            submit: 'Ajouter',
          }),
          csrfToken(req),
        ),
      );
  };
  router.get('/professionals/new', async (req, res) => {
    await renderNew(req, res, 200, {
      territoryId: '',
      name: '',
      profession: 'médecin généraliste',
      mobile: '',
      email: '',
      languages: ['fr'],
      serviceIds: [],
    });
  });
  router.post('/professionals/new', form, requireCsrf, async (req, res) => {
    const fields = professionalFields.parse(req.body ?? {});
    try {
      const { services: choices } = await choicesFor(db, req.actor!);
      const foreign = fields.serviceIds.filter(
        (id) => choices.find((s) => s.id === id)?.territoryId !== fields.territoryId,
      );
      if (foreign.length) throw badRequest('Un service coché n’appartient pas à ce territoire.');
      await createProfessional(
        db,
        req.actor!,
        newProfessional.parse({ ...fields, email: fields.email || null }),
      );
      res.redirect(303, '/professionals');
    } catch (err) {
      const refusal = refusalOf(err);
      if (!refusal) throw err;
      await renderNew(req, res, refusal.status, fields, refusal);
    }
  });

  const renderEdit = async (
    req: Request,
    res: Response,
    status: number,
    p: ProfessionalRow,
    fields: ProfessionalFields,
    refusal?: Refusal,
  ) => {
    const manages = canManageTerritory(req.actor!, p.territoryId);
    const choices = manages
      ? (await choicesFor(db, req.actor!)).services.filter((s) => s.territoryId === p.territoryId)
      : undefined;
    res
      .status(status)
      .type('html')
      .send(
        page(
          `Fiche · ${p.name}`,
          req.actor,
          professionalForm(`/professionals/${p.id}/edit`, fields, {
            csrf: csrfToken(req),
            error: refusal?.message,
            invalid: refusal?.fields,
            services: choices,
            submit: 'Enregistrer',
          }),
          csrfToken(req),
        ),
      );
  };
  router.get('/professionals/:id/edit', async (req, res) => {
    const p = await load(req.actor!, String(req.params.id));
    await renderEdit(req, res, 200, p, await fieldsOf(p));
  });
  router.post('/professionals/:id/edit', form, requireCsrf, async (req, res) => {
    const actor = req.actor!;
    const p = await load(actor, String(req.params.id));
    const fields = professionalFields.parse(req.body ?? {});
    // A manager's form always carries the services (none checked = none); a professional's never does, and sending some is refused.
    const sentServices =
      canManageTerritory(actor, p.territoryId) || 'serviceIds' in (req.body as object)
        ? fields.serviceIds
        : undefined;
    try {
      const patch = professionalPatch.parse({
        name: fields.name,
        profession: fields.profession,
        mobile: fields.mobile,
        email: fields.email || null,
        languages: fields.languages,
      });
      await updateProfessional(db, actor, p.id, patch, sentServices);
      res.redirect(303, '/professionals');
    } catch (err) {
      const refusal = refusalOf(err);
      if (!refusal) throw err;
      await renderEdit(
        req,
        res,
        refusal.status,
        p,
        { ...fields, territoryId: p.territoryId },
        refusal,
      );
    }
  });
  return router;
}
