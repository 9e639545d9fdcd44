import { Router } from 'express';
import { and, eq, gte, inArray, sql } from 'drizzle-orm';
import { loadRotaWindow } from '../../../db/repositories/rota-window.js';
import { callbackRequests, callRecords, services, territories } from '../../../db/schema/index.js';
import { localDateOf } from '../../../rota/calendar/local-date.js';
import { csrfToken } from '../../auth/middleware.js';
import type { AppDeps } from '../../deps.js';
import { contactsFrom } from '../../oncall/contacts.js';
import { shownNumber } from '../api/calls.js';
import { html, type Html } from './html.js';
import { page } from './layout.js';

/** A bar chart as inline SVG: no JavaScript, readable by screen readers through its title and table. */
function bars(title: string, points: { label: string; value: number }[]): Html {
  const max = Math.max(1, ...points.map((p) => p.value));
  const w = 28;
  return html`<figure class="card"><figcaption><strong>${title}</strong></figcaption>
<svg role="img" aria-label="${title}" width="${points.length * w + 10}" height="140" viewBox="0 0 ${points.length * w + 10} 140">
${points.map((p, i) => html`<rect x="${i * w + 5}" y="${110 - (p.value / max) * 100}" width="${w - 6}" height="${(p.value / max) * 100}" fill="#0b5cad"><title>${p.label} : ${p.value}</title></rect>
<text x="${i * w + 6}" y="125">${p.label.slice(8)}</text><text x="${i * w + 8}" y="${106 - (p.value / max) * 100}">${p.value}</text>`)}
</svg></figure>`;
}

/** Home: who is on duty now and next, per service; the last two weeks in figures. */
export function homePage(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.db;
  router.get('/', async (req, res) => {
    const actor = req.actor!;
    const now = deps.now();
    const scope = actor.role === 'admin' ? undefined : inArray(services.territoryId, actor.territoryIds.length ? actor.territoryIds : ['00000000-0000-4000-8000-000000000000']);
    const list = await db.select({ service: services, territory: territories }).from(services).innerJoin(territories, eq(territories.id, services.territoryId)).where(scope);
    const cards = await Promise.all(list.map(async ({ service, territory }) => {
      const rota = await loadRotaWindow(db, service.id, now, new Date(now.getTime() + 36 * 3600_000));
      const current = contactsFrom(rota, service.id, now, territory.fallbackNumber);
      const nextStart = rota.shifts.filter((s) => s.startsAt > now && s.level === 1).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())[0];
      const next = nextStart ? contactsFrom(rota, service.id, nextStart.startsAt, null) : [];
      return html`<section class="card" aria-labelledby="s-${service.id}"><h2 id="s-${service.id}" style="font-size:1.1rem">${service.name} <span class="muted">· ${territory.name}</span></h2>
<p><strong>De garde maintenant :</strong></p><ol>${current.map((c) => html`<li>${c.name} — ${shownNumber(actor, c.phone)}${c.source === 'fallback' ? ' (permanence)' : ` (niveau ${c.level})`}</li>`)}</ol>
${nextStart ? html`<p><strong>Ensuite</strong> (${new Intl.DateTimeFormat('fr-FR', { timeZone: territory.timeZone, weekday: 'long', hour: '2-digit', minute: '2-digit' }).format(nextStart.startsAt)}) : ${next.map((c) => c.name).join(', ') || 'à pourvoir'}</p>` : ''}</section>`;
    }));
    const since = new Date(now.getTime() - 14 * 86_400_000);
    const territoryScope = actor.role === 'admin' ? undefined : inArray(callRecords.territoryId, actor.territoryIds.length ? actor.territoryIds : ['00000000-0000-4000-8000-000000000000']);
    const calls = await db.select({ startedAt: callRecords.startedAt, outcome: callRecords.outcome, connectedAt: callRecords.connectedAt }).from(callRecords).where(and(gte(callRecords.startedAt, since), territoryScope));
    const byNight = new Map<string, number>();
    for (let i = 13; i >= 0; i -= 1) byNight.set(localDateOf(new Date(now.getTime() - i * 86_400_000 - 8 * 3600_000), 'Europe/Paris'), 0);
    for (const c of calls) {
      const night = localDateOf(new Date(c.startedAt.getTime() - 8 * 3600_000), 'Europe/Paris');
      if (byNight.has(night)) byNight.set(night, byNight.get(night)! + 1);
    }
    const answered = calls.filter((c) => c.outcome === 'connected' || c.outcome === 'fallback').length;
    const waits = calls.filter((c) => c.connectedAt).map((c) => (c.connectedAt!.getTime() - c.startedAt.getTime()) / 1000).sort((a, b) => a - b);
    const [cb] = await db.select({ total: sql<number>`count(*)::int`, inTime: sql<number>`count(*) filter (where ${callbackRequests.completedAt} <= ${callbackRequests.dueBy})::int` })
      .from(callbackRequests).where(and(gte(callbackRequests.createdAt, since), eq(callbackRequests.status, 'done')));
    const body = html`<div class="cards">${cards}</div>
<h2 style="font-size:1.2rem">Les 14 dernières nuits</h2>
<div class="cards">${bars('Appels par nuit', [...byNight].map(([label, value]) => ({ label, value })))}
<div class="card"><p><strong>Taux de mise en relation :</strong> ${calls.length ? Math.round((100 * answered) / calls.length) : 0} % (${answered} / ${calls.length})</p>
<p><strong>Délai médian avant réponse :</strong> ${waits.length ? `${Math.round(waits[Math.floor(waits.length / 2)]!)} s` : '—'}</p>
<p><strong>Rappels faits dans le délai :</strong> ${cb?.inTime ?? 0} / ${cb?.total ?? 0}</p></div></div>`;
    res.type('html').send(page('De garde maintenant', actor, body, csrfToken(req)));
  });
  return router;
}
