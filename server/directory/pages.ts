import express, { Router, type Request, type Response } from 'express';
import { asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { professionals, serviceMembers, services, territories } from '../../db/schema/index.js';
import { canManageTerritory, readableTerritories, type Actor } from '../access/actor.js';
import { csrfToken, requireCsrf } from '../access/middleware.js';
import {
  createProfessional,
  newProfessional,
  professionalPatch,
  updateProfessional,
} from './commands.js';
import type { AppDeps } from '../platform/deps.js';
import { badRequest, forbidden, HttpError } from '../platform/http-errors.js';
import { shownNumber } from '../dashboard/call-log-routes.js';
import {
  professionalFields,
  professionalForm,
  type ProfessionalFields,
  type ServiceChoice,
} from './form.js';
import { refusalOf } from '../web/form-refusal.js';
import { html } from '../web/html.js';
import { page } from '../web/layout.js';

type Row = typeof professionals.$inferSelect;
const canEdit = (actor: Actor, p: Row) =>
  canManageTerritory(actor, p.territoryId) || actor.professionalId === p.id;

/** The directory; managers add professionals and edit anyone of their territories (services included), a professional only themself. */
export function directoryPage(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.db;
  const form = express.urlencoded({ extended: false });
  const managed = async (actor: Actor) => {
    // Professionals manage no territory's services (they edit only their own entry).
    const list =
      actor.role === 'professional'
        ? []
        : await db
            .select({ id: territories.id, name: territories.name })
            .from(territories)
            .where(readableTerritories(actor, territories.id))
            .orderBy(asc(territories.name));
    const rows = list.length
      ? await db
          .select()
          .from(services)
          .where(
            inArray(
              services.territoryId,
              list.map((t) => t.id),
            ),
          )
          .orderBy(asc(services.name))
      : [];
    const name = new Map(list.map((t) => [t.id, t.name]));
    const choices: ServiceChoice[] = rows.map((s) => ({
      id: s.id,
      territoryId: s.territoryId,
      label: list.length > 1 ? `${name.get(s.territoryId)} · ${s.name}` : s.name,
    }));
    return { territories: list, services: choices };
  };
  const load = async (actor: Actor, id: string) => {
    const [p] = await db
      .select()
      .from(professionals)
      .where(eq(professionals.id, z.string().uuid('identifiant invalide').parse(id)));
    if (!p) throw new HttpError(404, 'not_found', 'Professionnel introuvable');
    if (!canEdit(actor, p)) throw forbidden('Vous ne pouvez modifier que votre propre fiche.');
    return p;
  };
  const fieldsOf = async (p: Row): Promise<ProfessionalFields> => ({
    territoryId: p.territoryId,
    name: p.name,
    profession: p.profession,
    mobile: p.mobile,
    email: p.email ?? '',
    languages: p.languages,
    serviceIds: (
      await db
        .select({ id: serviceMembers.serviceId })
        .from(serviceMembers)
        .where(eq(serviceMembers.professionalId, p.id))
    ).map((s) => s.id),
  });

  router.get('/professionals', async (req, res) => {
    const actor = req.actor!;
    const rows = await db
      .select()
      .from(professionals)
      .where(readableTerritories(actor, professionals.territoryId))
      .orderBy(asc(professionals.name));
    const memberships = rows.length
      ? await db
          .select({ professionalId: serviceMembers.professionalId, name: services.name })
          .from(serviceMembers)
          .innerJoin(services, eq(services.id, serviceMembers.serviceId))
          .where(
            inArray(
              serviceMembers.professionalId,
              rows.map((p) => p.id),
            ),
          )
      : [];
    const servicesOf = (id: string) =>
      memberships
        .filter((m) => m.professionalId === id)
        .map((m) => m.name)
        .join(', ');
    const canAdd = actor.role !== 'professional' && (await managed(actor)).territories.length > 0;
    const body = html`${canAdd ? html`<p><a class="button" href="/professionals/new">Ajouter un professionnel</a></p>` : ''}
<table><caption class="muted">${rows.length} professionnel(s)</caption><thead><tr><th scope="col">Nom</th><th scope="col">Profession</th><th scope="col">Mobile</th><th scope="col">Langues</th><th scope="col">Services</th><th scope="col"></th></tr></thead><tbody>
${rows.map((p) => html`<tr><td>${p.name}</td><td>${p.profession}</td><td>${shownNumber(actor, p.mobile)}</td><td>${p.languages.join(', ')}</td><td>${servicesOf(p.id)}</td><td>${canEdit(actor, p) ? html`<a href="/professionals/${p.id}/edit" aria-label="Modifier la fiche de ${p.name}">Modifier</a>` : ''}</td></tr>`)}</tbody></table>`;
    res.type('html').send(page('Annuaire', actor, body, csrfToken(req)));
  });

  const renderNew = async (
    req: Request,
    res: Response,
    status: number,
    fields: ProfessionalFields,
    error?: string,
  ) => {
    const m = await managed(req.actor!);
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
            error,
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
      const { services: choices } = await managed(req.actor!);
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
      await renderNew(req, res, refusal.status, fields, refusal.message);
    }
  });

  const renderEdit = async (
    req: Request,
    res: Response,
    status: number,
    p: Row,
    fields: ProfessionalFields,
    error?: string,
  ) => {
    const manages = canManageTerritory(req.actor!, p.territoryId);
    const choices = manages
      ? (await managed(req.actor!)).services.filter((s) => s.territoryId === p.territoryId)
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
            error,
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
        refusal.message,
      );
    }
  });
  return router;
}
