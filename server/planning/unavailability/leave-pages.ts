import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { addDays, localDateOf } from '../../../rota/calendar/local-date.js';
import { localToInstant } from '../../../rota/local-time.js';
import { canManageTerritory } from '../../access/actor.js';
import { csrfToken, requireCsrf } from '../../access/middleware.js';
import type { AppDeps } from '../../platform/deps.js';
import { badRequest, forbidden } from '../../platform/http-errors.js';
import { uuidParam } from '../../platform/params.js';
import { managedTerritory } from '../../territories/commands.js';
import { territoriesReadableBy, territoryById } from '../../territories/store.js';
import { refusalOf } from '../../web/form-refusal.js';
import { html } from '../../web/html.js';
import { hiddenHeader, page, scrollingTable } from '../../web/layout.js';
import { frenchInstant, monthParam, monthRange, planningLinks } from '../planning-nav.js';
import { professionalsOfTerritory } from '../shifts/store.js';
import { createUnavailability, deleteUnavailability } from './commands.js';
import { leaveOfTerritory, shiftsHeldDuring } from './store.js';

const form = express.urlencoded({ extended: false });
const leaveForm = z.object({
  territory: z.string().default(''),
  professionalId: z.string().default(''),
  from: z.string().trim().default(''),
  to: z.string().trim().default(''),
  reason: z.string().trim().default(''),
});
type LeaveFields = z.infer<typeof leaveForm>;
const blank: LeaveFields = { territory: '', professionalId: '', from: '', to: '', reason: '' };
const notices: Record<string, string> = {
  created: 'Congé enregistré.',
  conflict:
    'Congé enregistré, mais il chevauche des gardes attribuées (en rouge ci-dessous) : il faut les remplacer.',
  deleted: 'Congé supprimé.',
};

/** The territories the actor manages and the one asked for; 403 for a professional. */
async function managedTerritoryChoice(deps: AppDeps, req: Request, asked: unknown) {
  const actor = req.actor!;
  const managed = (await territoriesReadableBy(deps.db.db, actor)).filter((t) =>
    canManageTerritory(actor, t.id),
  );
  const chosen = managed.find((t) => t.id === asked) ?? managed[0];
  if (!chosen)
    throw forbidden(
      'Les congés de tous sont réservés à la coordination ; les vôtres sont sur « Mes gardes ».',
    );
  return { managed, territory: (await territoryById(deps.db.db, chosen.id))! };
}

/**
 * GET /rota/leave: everybody's leave in a territory over a month, each with the assigned shifts
 * it falls on, in red (a conflict to replace). Managers add leave for a professional and delete
 * it through the commands of POST and DELETE /api/unavailability.
 */
export function leavePages(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.db;

  async function render(
    req: Request,
    res: Response,
    q: { territory?: unknown; month?: unknown },
    typed: LeaveFields = blank,
    refusal?: { status: number; message: string },
  ) {
    const { managed, territory } = await managedTerritoryChoice(deps, req, q.territory);
    const zone = territory.timeZone;
    const range = monthRange(monthParam.parse(q.month), deps.now(), zone);
    const fmt = frenchInstant(zone);
    const [leave, people] = await Promise.all([
      leaveOfTerritory(db, territory.id, range.start, range.end),
      professionalsOfTerritory(db, territory.id),
    ]);
    const rows = await Promise.all(
      leave.map(async (l) => ({
        ...l,
        conflicts: await shiftsHeldDuring(db, l.professionalId, l.startsAt, l.endsAt),
      })),
    );
    const conflicts = rows.reduce((n, r) => n + r.conflicts.length, 0);
    const base = `/rota/leave?territory=${territory.id}`;
    const csrf = csrfToken(req);
    const notice = notices[typeof req.query.done === 'string' ? req.query.done : ''];
    const body = html`${planningLinks('leave')}<form class="row" method="get" action="/rota/leave">
${managed.length > 1 ? html`<div><label for="territory">Territoire</label><select id="territory" name="territory">${managed.map((t) => html`<option value="${t.id}" ${t.id === territory.id ? 'selected' : ''}>${t.name}</option>`)}</select></div>` : html`<input type="hidden" name="territory" value="${territory.id}">`}
<div><label for="month">Mois</label><input id="month" name="month" type="month" value="${range.month}"></div><button type="submit">Afficher</button>
<a class="button" href="${base}&month=${range.previous}">← Mois précédent</a><a class="button" href="${base}&month=${range.next}">Mois suivant →</a></form>
${notice && !refusal ? html`<p role="status" class="notice" data-testid="notice">${notice}</p>` : ''}
<p class="${conflicts ? 'error' : 'muted'}" data-testid="conflict-count">${conflicts ? `${conflicts} garde(s) attribuée(s) pendant un congé : à remplacer.` : 'Aucune garde attribuée pendant un congé.'}</p>
${scrollingTable(
  'Congés',
  html`<table data-testid="leave"><caption class="muted">${rows.length} congé(s) en ${range.month} · ${territory.name}</caption>
<thead><tr><th scope="col">Professionnel</th><th scope="col">Du</th><th scope="col">Au</th><th scope="col">Motif</th><th scope="col">Gardes pendant le congé</th>${hiddenHeader('Actions')}</tr></thead><tbody>
${rows.map(
  (
    l,
  ) => html`<tr data-leave="${l.id}" class="${l.conflicts.length ? 'leave-conflict' : ''}"><td>${l.name}</td><td>${fmt(l.startsAt)}</td><td>${fmt(l.endsAt)}</td><td>${l.reason ?? ''}</td>
<td>${l.conflicts.length ? html`<ul class="plain-list">${l.conflicts.map((c) => html`<li class="error" data-testid="conflict">Conflit : ${c.serviceName}, ${fmt(c.startsAt)} → ${fmt(c.endsAt)}, niveau ${c.level} — <a href="/rota/shifts/${c.shiftId}/edit">remplacer</a></li>`)}</ul>` : '—'}</td>
<td><form class="m-0" method="post" action="/rota/leave/${l.id}/delete"><input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="territory" value="${territory.id}"><input type="hidden" name="month" value="${range.month}"><button class="secondary" type="submit" aria-label="Supprimer le congé de ${l.name} du ${fmt(l.startsAt)}">Supprimer</button></form></td></tr>`,
)}
</tbody></table>`,
)}
<form class="card mw-36" method="post" action="/rota/leave"><h2>Ajouter un congé</h2>
${refusal ? html`<p class="error" role="alert" data-testid="form-error">${refusal.message}</p>` : ''}
<input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="territory" value="${territory.id}">
<label for="l-pro">Professionnel</label><select id="l-pro" name="professionalId" required><option value="">(choisir)</option>${people.map((p) => html`<option value="${p.id}" ${p.id === typed.professionalId ? 'selected' : ''}>${p.name}</option>`)}</select>
<div class="row"><div><label for="l-from">Du</label><input id="l-from" type="date" name="from" value="${typed.from}"></div><div><label for="l-to">Au (inclus)</label><input id="l-to" type="date" name="to" value="${typed.to}"></div></div>
<label for="l-reason">Motif (facultatif)</label><input id="l-reason" name="reason" maxlength="200" value="${typed.reason}">
<p><button type="submit">Ajouter le congé</button></p></form>`;
    res
      .status(refusal?.status ?? 200)
      .type('html')
      .send(page('Congés de tous', req.actor, body, csrf));
  }

  router.get('/rota/leave', (req, res) => render(req, res, req.query));

  router.post('/rota/leave', form, requireCsrf, async (req, res) => {
    const typed = leaveForm.parse(req.body ?? {});
    // The territory written to is the one named, or none (404/403): never a fallback.
    const territory = await managedTerritory(db, req.actor!, uuidParam.parse(typed.territory));
    const zone = territory.timeZone;
    let month = localDateOf(deps.now(), zone).slice(0, 7);
    try {
      // Whole local days: from 00:00 on the first day to 00:00 after the last.
      const at = (date: string, what: string) => {
        const r = localToInstant(date, '00:00', zone, 'earlier');
        if (!r.ok) throw badRequest(`${what} : date attendue (jj/mm/aaaa).`);
        return r.instant;
      };
      const startsAt = at(typed.from, 'Du');
      month = typed.from.slice(0, 7);
      const endsAt = at(/^\d{4}-\d{2}-\d{2}$/.test(typed.to) ? addDays(typed.to, 1) : '', 'Au');
      const professionalId = uuidParam.safeParse(typed.professionalId).data;
      if (!professionalId) throw badRequest('Choisissez le professionnel.');
      // The command holds the dates to its years and the reason to its length.
      const { conflicts } = await createUnavailability(deps, req.actor!, {
        professionalId,
        startsAt,
        endsAt,
        reason: typed.reason || null,
      });
      const done = conflicts.length ? 'conflict' : 'created';
      res.redirect(303, `/rota/leave?territory=${territory.id}&month=${month}&done=${done}`);
    } catch (err) {
      const refusal = refusalOf(err);
      if (!refusal) throw err;
      await render(req, res, { territory: territory.id, month }, typed, refusal);
    }
  });

  router.post('/rota/leave/:id/delete', form, requireCsrf, async (req, res) => {
    const id = z.string().uuid('identifiant invalide').parse(req.params.id);
    await deleteUnavailability(db, req.actor!, id);
    const b = (req.body ?? {}) as Record<string, unknown>;
    const territory = z.string().uuid().safeParse(b.territory).data;
    const month = monthParam.parse(b.month);
    const back = new URLSearchParams({
      ...(territory ? { territory } : {}),
      ...(month ? { month } : {}),
      done: 'deleted',
    });
    res.redirect(303, `/rota/leave?${back.toString()}`);
  });
  return router;
}
