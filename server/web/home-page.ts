import { Router } from 'express';
import { canManageTerritory, mayRead, shownNumber } from '../access/actor.js';
import { loadRotaWindow } from '../planning/rota-window.js';
import { csrfToken } from '../access/middleware.js';
import { loadDashboards } from '../dashboard/load-dashboard.js';
import type { AppDeps } from '../platform/deps.js';
import { contactsFrom } from '../line/contacts.js';
import { servicesReadableBy, territoryRowsReadableBy } from '../territories/store.js';
import { regulationLabel } from '../territories/regulation-label.js';
import { serviceHoursLabel } from '../territories/service-hours.js';
import { dashboardView } from '../dashboard/dashboard-view.js';
import { overdueAvisSection } from '../dashboard/overdue-avis.js';
import { html } from './html.js';
import { page } from './layout.js';

/** Home: who is on duty now and next, per service; for managers, the dashboard of their territories. */
export function homePage(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.db;
  router.get('/', async (req, res) => {
    const actor = req.actor!;
    const now = deps.now();
    const list = await servicesReadableBy(db, actor);
    const cards = await Promise.all(
      list.map(async ({ service, territory }) => {
        const rota = await loadRotaWindow(
          db,
          service.id,
          now,
          new Date(now.getTime() + 36 * 3600_000),
        );
        const current = contactsFrom(rota, service.id, now, territory.fallbackNumber);
        const nextStart = rota.shifts
          .filter((s) => s.startsAt > now && s.level === 1)
          .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())[0];
        const next = nextStart ? contactsFrom(rota, service.id, nextStart.startsAt, null) : [];
        return html`<section class="card" aria-labelledby="s-${service.id}"><h2 class="fs-110" id="s-${service.id}">${service.name} <span class="muted">· ${territory.name}</span></h2>
<p class="muted">${serviceHoursLabel(service, territory.settings.saturdayAfternoon)}</p>
<p><strong>De garde maintenant :</strong></p><ol>${current.map((c) => html`<li>${c.name} — ${shownNumber(actor, c.phone)}${c.source === 'fallback' ? ' (permanence)' : ` (niveau ${c.level})`}</li>`)}</ol>
${nextStart ? html`<p><strong>Ensuite</strong> (${new Intl.DateTimeFormat('fr-FR', { timeZone: territory.timeZone, weekday: 'long', hour: '2-digit', minute: '2-digit' }).format(nextStart.startsAt)}) : ${next.map((c) => c.name).join(', ') || 'à pourvoir'}</p>` : ''}</section>`;
      }),
    );
    // How a patient reaches the doctor on duty (CSP R6315-3): said on every home page.
    const regulation = (await territoryRowsReadableBy(db, actor)).map(
      (t) =>
        html`<p class="regulation-mode" data-testid="regulation-${t.id}"><strong>Régulation :</strong> ${regulationLabel(t)}${actor.role === 'admin' || actor.territoryIds.length > 1 ? html` <span class="muted">· ${t.name}</span>` : ''}${canManageTerritory(actor, t.id) ? html` · <a href="/territories/${t.id}/regulation">modifier</a>` : ''}</p>`,
    );
    // The measures are the coordinators' (issue 7); a professional gets their own page instead.
    const dashboards = mayRead(actor, 'dashboard') ? await loadDashboards(db, actor, now) : [];
    const body = html`${regulation}<div class="cards">${cards}</div>
${actor.professionalId ? html`<p><a href="/me">Voir mes gardes, échanges et indisponibilités</a></p>` : ''}
<p><a href="/advice">Avis entre professionnels</a> · <a href="/advice/requests">demandes d’avis</a></p>
${dashboards.map(dashboardView)}
${mayRead(actor, 'dashboard') ? await overdueAvisSection(db, actor, now) : ''}`;
    res.type('html').send(page('De garde maintenant', actor, body, csrfToken(req)));
  });
  return router;
}
