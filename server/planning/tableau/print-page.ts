import { Router } from 'express';
import { addDays, datesBetween, weekdayOf } from '../../../rota/calendar/local-date.js';
import { wallClockToInstant } from '../../../rota/local-time.js';
import { shiftParts } from '../../../rota/overrides.js';
import { wallTimes } from '../../../rota/tableau.js';
import type { AppDeps } from '../../platform/deps.js';
import { ownAsset } from '../../web/assets.js';
import { html, type Html } from '../../web/html.js';
import { professionalNames } from '../swaps/store.js';
import { frenchMonth } from '../../web/french-month.js';
import { tableauService } from './load.js';
import { dayLabel, frenchDate, openSlot } from './present.js';
import { printQuery } from './schema.js';
import { overridesOfShifts, shiftsStartingBetween } from './store.js';

/** The days of a month cut into weeks, Monday to Sunday. */
function weeksOf(month: string): string[][] {
  const first = `${month}-01`;
  const last = addDays(`${addDays(`${month}-28`, 7).slice(0, 7)}-01`, -1);
  const weeks: string[][] = [];
  for (const day of datesBetween(first, last)) {
    if (!weeks.length || weekdayOf(day) === 'mon') weeks.push([]);
    weeks.at(-1)!.push(day);
  }
  return weeks;
}

/**
 * GET /rota/imprimer?service=…&mois=AAAA-MM: a month of a service's rota to print, one page
 * per week (print CSS), no navigation, full names, replacements said.
 */
export function printMonthPage(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.db;
  router.get('/rota/imprimer', async (req, res) => {
    const q = printQuery.parse(req.query);
    const sector = await tableauService(db, req.actor!, q.service);
    const zone = sector.territory.timeZone;
    const weeks = weeksOf(q.mois);
    const first = weeks[0]![0]!;
    const last = weeks.at(-1)!.at(-1)!;
    const shifts = await shiftsStartingBetween(
      db,
      sector.service.id,
      wallClockToInstant(first, '00:00', zone),
      wallClockToInstant(addDays(last, 1), '00:00', zone),
    );
    const overrides = await overridesOfShifts(
      db,
      shifts.map((s) => s.id),
    );
    const ids = [...shifts.map((s) => s.professionalId), ...overrides.map((o) => o.professionalId)];
    const names = await professionalNames(db, [...new Set(ids.filter((i): i is string => !!i))]);
    const nameOf = (id: string | null) =>
      id ? html`${names.get(id) ?? ''}` : html`<span class="print-open">${openSlot}</span>`;

    const rowsOf = (day: string): Html[] => {
      const own = shifts.filter((s) => wallTimes(s.startsAt, s.endsAt, zone).date === day);
      if (!own.length)
        return [
          html`<tr class="print-day-start"><td>${dayLabel(day)}</td><td colspan="3" class="muted">—</td></tr>`,
        ];
      return own.map((s, i) => {
        const t = wallTimes(s.startsAt, s.endsAt, zone);
        const replaced = shiftParts(s, overrides)
          .filter((p) => p.overrideId)
          .map((p) => {
            const w = wallTimes(p.startsAt, p.endsAt, zone);
            return html`<br><span class="muted">remplacé(e) de ${w.start} à ${w.end} par ${nameOf(p.professionalId)}</span>`;
          });
        return html`<tr class="${i === 0 ? 'print-day-start' : ''}"><td>${i === 0 ? dayLabel(day) : ''}</td><td>${t.start}–${t.end}</td><td>${s.level}</td><td>${nameOf(s.professionalId)}${replaced}</td></tr>`;
      });
    };

    const [year, month] = q.mois.split('-').map(Number) as [number, number];
    const title = `Planning de garde · ${sector.territory.name} · ${sector.service.name} · ${frenchMonth(`${year}-${String(month).padStart(2, '0')}`)}`;
    const body = html`<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><link rel="icon" href="data:,">
<title>${title} · gardeline</title><link rel="stylesheet" href="${ownAsset('gardeline.css')}"><link rel="stylesheet" href="${ownAsset('tableau-print.css')}"></head><body class="print-month"><main id="main">
<p class="no-print"><a href="/rota?service=${sector.service.id}&month=${q.mois}">← Retour au planning</a> · Imprimez avec la commande Imprimer du navigateur (une page par semaine).</p>
<h1>${title}</h1>
${weeks.map(
  (week) =>
    html`<section class="print-week"><h2>Semaine du ${frenchDate(week[0]!)} au ${frenchDate(week.at(-1)!)}</h2><table><thead><tr><th>Jour</th><th>Horaires</th><th>Niveau</th><th>Médecin</th></tr></thead><tbody>${week.map(rowsOf)}</tbody></table></section>`,
)}
</main></body></html>`;
    res.type('html').send(body.value);
  });
  return router;
}
