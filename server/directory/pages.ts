import { Router } from 'express';
import { canManageTerritory, directoryEntryFor } from '../access/actor.js';
import { csrfToken } from '../access/middleware.js';
import type { AppDeps } from '../platform/deps.js';
import { html } from '../web/html.js';
import { hiddenHeader, page, scrollingTable } from '../web/layout.js';
import { choicesFor, professionalFormPages } from './professional-form-pages.js';
import { professionalsReadableBy, serviceNamesOf } from './store.js';

/** The directory; managers add professionals and edit anyone of their territories (services included), a professional only themself. */
export function directoryPage(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.db;

  router.get('/professionals', async (req, res) => {
    const actor = req.actor!;
    // The same projection as GET /api/professionals: what a role reads does not depend on the door.
    const rows = (await professionalsReadableBy(db, actor)).map((p) => directoryEntryFor(actor, p));
    const memberships = await serviceNamesOf(
      db,
      rows.map((p) => p.id),
    );
    const servicesOf = (id: string) =>
      memberships
        .filter((m) => m.professionalId === id)
        .map((m) => m.name)
        .join(', ');
    const canEdit = (p: (typeof rows)[number]) =>
      canManageTerritory(actor, p.territoryId) || actor.professionalId === p.id;
    const canAdd =
      actor.role !== 'professional' && (await choicesFor(db, actor)).territories.length > 0;
    const body = html`${canAdd ? html`<p><a class="button" href="/professionals/new">Ajouter un professionnel</a></p>` : ''}
${scrollingTable(
  'Professionnels de garde',
  html`<table><caption class="muted">${rows.length} professionnel(s)</caption><thead><tr><th scope="col">Nom</th><th scope="col">Profession</th><th scope="col">Mobile</th><th scope="col">Langues</th><th scope="col">Services</th>${hiddenHeader('Modifier')}</tr></thead><tbody>
${rows.map((p) => html`<tr><td>${p.name}</td><td>${p.profession}</td><td>${p.mobile}</td><td>${p.languages.join(', ')}</td><td>${servicesOf(p.id)}</td><td>${canEdit(p) ? html`<a href="/professionals/${p.id}/edit" aria-label="Modifier la fiche de ${p.name}">Modifier</a>` : ''}</td></tr>`)}</tbody></table>`,
)}`;
    res.type('html').send(page('Professionnels de garde', actor, body, csrfToken(req)));
  });
  router.use(professionalFormPages(deps));
  return router;
}
