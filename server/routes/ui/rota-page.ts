import express, { Router } from 'express';
import { and, asc, eq, gt, inArray, lt } from 'drizzle-orm';
import { professionals, serviceMembers, services, shifts, territories } from '../../../db/schema/index.js';
import { frenchPublicHolidays, holidaySet } from '../../../rota/calendar/holidays.js';
import { addDays, localDateOf, weekdayOf } from '../../../rota/calendar/local-date.js';
import { pdsaPeriods } from '../../../rota/calendar/pdsa.js';
import { coverageGaps } from '../../../rota/gaps.js';
import { wallClockToInstant } from '../../../rota/local-time.js';
import { canManageTerritory } from '../../auth/actor.js';
import { csrfToken, requireCsrf } from '../../auth/middleware.js';
import { saveShift } from '../../commands/shifts.js';
import type { AppDeps } from '../../deps.js';
import { HttpError } from '../../http-errors.js';
import { html } from './html.js';
import { page } from './layout.js';

const weekdays = ['lun.', 'mar.', 'mer.', 'jeu.', 'ven.', 'sam.', 'dim.'];
const order = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** The month view of a service's rota: shifts by level colour, gaps in red, holidays marked. */
export function rotaPage(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.db;
  router.get('/rota', async (req, res) => {
    const actor = req.actor!;
    const visible = await db.select({ service: services, zone: territories.timeZone, territory: territories }).from(services)
      .innerJoin(territories, eq(territories.id, services.territoryId))
      .where(actor.role === 'admin' ? undefined : inArray(services.territoryId, actor.territoryIds.length ? actor.territoryIds : ['00000000-0000-4000-8000-000000000000']))
      .orderBy(asc(services.name));
    const chosen = visible.find((v) => v.service.id === req.query.service) ?? visible.find((v) => v.service.kind === 'doctor') ?? visible[0];
    if (!chosen) return void res.type('html').send(page('Planning', actor, html`<p>Aucun service.</p>`, csrfToken(req)));
    const zone = chosen.zone;
    const month = typeof req.query.month === 'string' && /^\d{4}-\d{2}$/.test(req.query.month) ? req.query.month : localDateOf(deps.now(), zone).slice(0, 7);
    const first = `${month}-01`;
    const nextMonth = addDays(`${month}-28`, 7).slice(0, 7) + '-01';
    const start = wallClockToInstant(first, '00:00', zone);
    const end = wallClockToInstant(nextMonth, '00:00', zone);
    const year = Number(month.slice(0, 4));
    const settings = chosen.territory.settings;
    const holidays = holidaySet(year - 1, year + 1, { alsaceMoselle: settings.alsaceMoselle });
    const holidayNames = new Map(frenchPublicHolidays(year, { alsaceMoselle: settings.alsaceMoselle }).map((h) => [h.date, h.name]));
    const rows = await db.select().from(shifts).where(and(eq(shifts.serviceId, chosen.service.id), eq(shifts.status, 'active'), lt(shifts.startsAt, end), gt(shifts.endsAt, start))).orderBy(asc(shifts.startsAt), asc(shifts.level));
    const members = await db.select({ id: professionals.id, name: professionals.name }).from(serviceMembers)
      .innerJoin(professionals, eq(professionals.id, serviceMembers.professionalId)).where(eq(serviceMembers.serviceId, chosen.service.id)).orderBy(asc(professionals.name));
    const names = new Map(members.map((m) => [m.id, m.name]));
    const gaps = coverageGaps(pdsaPeriods({ start, end }, { timeZone: zone, holidays, ponts: new Set(), saturdayAfternoon: settings.saturdayAfternoon }), rows.map((s) => ({ ...s, kind: s.kind ?? undefined })), chosen.service.requiredLevels);
    const manage = canManageTerritory(actor, chosen.service.territoryId);
    const csrf = csrfToken(req);
    const hm = (d: Date) => new Intl.DateTimeFormat('fr-FR', { timeZone: zone, hour: '2-digit', minute: '2-digit' }).format(d);

    // Only those not already on duty at that time are offered for an open shift.
    const free = (open: (typeof rows)[number]) =>
      members.filter((m) => !rows.some((r) => r.professionalId === m.id && r.startsAt < open.endsAt && r.endsAt > open.startsAt));
    const cell = (date: string) => {
      const dayShifts = rows.filter((s) => localDateOf(s.startsAt, zone) === date);
      const dayGaps = gaps.filter((g) => localDateOf(g.start, zone) === date && g.missingLevels.includes(1));
      return html`<div><strong>${Number(date.slice(8))}</strong>${holidayNames.has(date) ? html` <span class="holiday">${holidayNames.get(date)}</span>` : ''}</div>
      ${dayShifts.map((s) => s.professionalId
        ? html`<div class="shift lvl${Math.min(s.level, 3)}">${hm(s.startsAt)}–${hm(s.endsAt)} · N${s.level} · ${names.get(s.professionalId) ?? '?'}${manage ? html`<form method="post" action="/rota/shifts/${s.id}/cancel" style="display:inline"><input type="hidden" name="_csrf" value="${csrf}"><button type="submit" class="secondary" style="padding:0 .3rem;margin-left:.3rem" aria-label="Annuler la garde du ${date} ${hm(s.startsAt)}">×</button></form>` : ''}</div>`
        : html`<div class="shift gap" data-gap="open-shift" data-shift="${s.id}">${hm(s.startsAt)}–${hm(s.endsAt)} · N${s.level} · À pourvoir
          ${manage ? html`<form method="post" action="/rota/shifts/${s.id}/assign"><input type="hidden" name="_csrf" value="${csrf}">
            <label for="p-${s.id}" class="muted" style="font-weight:400">Affecter</label><select id="p-${s.id}" name="professionalId">${free(s).map((m) => html`<option value="${m.id}">${m.name}</option>`)}</select>
            <button type="submit">Affecter</button></form>` : ''}</div>`)}
      ${dayGaps.filter((g) => !dayShifts.some((s) => !s.professionalId && s.startsAt <= g.start && s.endsAt >= g.end)).map((g) => html`<div class="shift gap" data-gap="uncovered">Trou ${hm(g.start)}–${hm(g.end)} : aucun médecin</div>`)}`;
    };
    let day = addDays(first, -order.indexOf(weekdayOf(first)));
    const weeks: string[][] = [];
    while (day < nextMonth) {
      weeks.push(Array.from({ length: 7 }, (_, i) => addDays(day, i)));
      day = addDays(day, 7);
    }
    const weekOf = typeof req.query.week === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(req.query.week) ? req.query.week : null;
    const shown = weekOf ? weeks.filter((w) => w.includes(weekOf)) : weeks;
    const prev = addDays(first, -1).slice(0, 7);
    const body = html`
<form method="get" action="/rota" style="display:flex;gap:.5rem;flex-wrap:wrap;align-items:end">
  <div><label for="service">Service</label><select id="service" name="service">${visible.map((v) => html`<option value="${v.service.id}" ${v.service.id === chosen.service.id ? 'selected' : ''}>${v.territory.name} · ${v.service.name}</option>`)}</select></div>
  <div><label for="month">Mois</label><input id="month" name="month" type="month" value="${month}"></div><button type="submit">Afficher</button>
  <a class="button" href="/rota?service=${chosen.service.id}&month=${prev}">← Mois précédent</a><a class="button" href="/rota?service=${chosen.service.id}&month=${nextMonth.slice(0, 7)}">Mois suivant →</a>
  <a class="button" href="/rota?service=${chosen.service.id}&month=${month}${weekOf ? '' : `&week=${localDateOf(deps.now(), zone).slice(0, 7) === month ? localDateOf(deps.now(), zone) : first}`}">${weekOf ? 'Vue mois' : 'Vue semaine'}</a>
  ${manage ? html`<a class="button" href="/rota/auto-fill?service=${chosen.service.id}&from=${first}&to=${addDays(nextMonth, -1)}">Remplissage automatique…</a>` : ''}
</form>
${manage ? html`<details class="card"><summary>Ajouter une garde</summary><form method="post" action="/rota/shifts" style="display:flex;gap:.5rem;flex-wrap:wrap;align-items:end">
  <input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="serviceId" value="${chosen.service.id}">
  <div><label for="n-date">Date</label><input id="n-date" type="date" name="date" required value="${first}"></div>
  <div><label for="n-start">Début</label><input id="n-start" type="time" name="start" required value="20:00"></div>
  <div><label for="n-end">Fin</label><input id="n-end" type="time" name="end" required value="08:00"></div>
  <div><label for="n-level">Niveau</label><input id="n-level" type="number" name="level" min="1" max="9" value="1" style="width:4rem"></div>
  <div><label for="n-pro">Professionnel</label><select id="n-pro" name="professionalId"><option value="">(à pourvoir)</option>${members.map((m) => html`<option value="${m.id}">${m.name}</option>`)}</select></div>
  <button type="submit">Ajouter</button></form></details>` : ''}
<p class="muted">Niveau 1 en bleu, niveau 2 en violet ; <span class="error">en rouge, les gardes à pourvoir et les trous de garde</span>. ${gaps.length} trou(s) ce mois.</p>
<table class="month" aria-label="Planning du mois ${month}"><thead><tr>${weekdays.map((w) => html`<th scope="col">${w}</th>`)}</tr></thead>
<tbody>${shown.map((w) => html`<tr>${w.map((d) => html`<td class="${d.slice(0, 7) === month ? '' : 'out'}">${d.slice(0, 7) === month ? cell(d) : ''}</td>`)}</tr>`)}</tbody></table>`;
    res.type('html').send(page(`Planning · ${chosen.service.name}`, actor, body, csrf));
  });

  router.post('/rota/shifts/:id/assign', express.urlencoded({ extended: false }), requireCsrf, async (req, res) => {
    const [shift] = await db.select().from(shifts).where(eq(shifts.id, String(req.params.id)));
    if (!shift) throw new HttpError(404, 'not_found', 'Garde introuvable');
    const professionalId = String((req.body as Record<string, string>).professionalId ?? '');
    await saveShift(db, req.actor!, { serviceId: shift.serviceId, professionalId, level: shift.level, time: { startsAt: shift.startsAt.toISOString(), endsAt: shift.endsAt.toISOString() } }, shift.id);
    await deps.onShiftChanged?.([shift.id]);
    res.redirect(303, `/rota?service=${shift.serviceId}&month=${localDateOf(shift.startsAt, 'Europe/Paris').slice(0, 7)}`);
  });
  return router;
}
