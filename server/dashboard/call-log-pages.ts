import { Router } from 'express';
import { addDays } from '../../rota/calendar/local-date.js';
import { wallClockToInstant } from '../../rota/local-time.js';
import { canReadTerritory, requireRead, shownNumber } from '../access/actor.js';
import { csrfToken } from '../access/middleware.js';
import type { AppDeps } from '../platform/deps.js';
import { HttpError } from '../platform/http-errors.js';
import { callbacksReadableBy } from '../callbacks/store.js';
import { callLogFilters, callSidParam } from './schema.js';
import { callBySid, callLogPage, namedPathOf } from './store.js';
import { callbackStates, outcomeInProgress, outcomeLabels } from './catalogue-fr.js';
import { callPathSentences, durationText } from './call-path.js';
import { html } from '../web/html.js';
import { hiddenHeader, page, scrollingTable } from '../web/layout.js';

const zone = 'Europe/Paris';
const outcomeOf = (outcome: string | null) =>
  outcome ? (outcomeLabels[outcome] ?? outcome) : outcomeInProgress;
const fmt = (d: Date | null) =>
  d
    ? new Intl.DateTimeFormat('fr-FR', {
        timeZone: 'Europe/Paris',
        dateStyle: 'short',
        timeStyle: 'medium',
      }).format(d)
    : '—';

/** Calls, one call's path, callbacks: pages for managers. */
export function callsPages(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.db;

  router.get('/calls', requireRead('callLog'), async (req, res) => {
    const actor = req.actor!;
    const { outcome, from, to } = callLogFilters.parse(req.query);
    // Local days in Paris: "jusqu'au 24" includes the whole of the 24th, until midnight local time.
    const rows = await callLogPage(
      db,
      actor,
      {
        outcome,
        since: from ? wallClockToInstant(from, '00:00', zone) : undefined,
        until: to ? wallClockToInstant(addDays(to, 1), '00:00', zone) : undefined,
      },
      300,
    );
    const body = html`<form class="row" method="get">
<div><label for="from">Depuis le</label><input id="from" type="date" name="from" value="${from ?? ''}"></div>
<div><label for="to">Jusqu’au (inclus)</label><input id="to" type="date" name="to" value="${to ?? ''}"></div>
<div><label for="outcome">Issue</label><select id="outcome" name="outcome"><option value="">toutes</option>${Object.entries(outcomeLabels).map(([k, v]) => html`<option value="${k}" ${k === (outcome ?? '') ? 'selected' : ''}>${v}</option>`)}</select></div><button type="submit">Filtrer</button></form>
${scrollingTable(
  'Appels',
  html`<table><caption class="muted">${rows.length} appel(s)</caption><thead><tr><th scope="col">Début</th><th scope="col">Appelant</th><th scope="col">Durée</th><th scope="col">Issue</th>${hiddenHeader('Détail')}</tr></thead><tbody>
${rows.map((c) => html`<tr><td>${fmt(c.startedAt)}</td><td>${c.callerHidden ? 'masqué' : shownNumber(actor, c.fromNumber)}</td><td>${c.durationSeconds ?? '—'} s</td><td>${outcomeOf(c.outcome)}</td><td><a href="/calls/${c.callSid}">Détail</a></td></tr>`)}
</tbody></table>`,
)}`;
    res.type('html').send(page('Appels', actor, body, csrfToken(req)));
  });

  router.get('/calls/:sid', requireRead('callLog'), async (req, res) => {
    const actor = req.actor!;
    const sid = callSidParam.safeParse(req.params.sid);
    const call = sid.success ? await callBySid(db, sid.data) : null;
    // Another territory's call is as unknown as a call that never was (as GET /api/calls/:sid).
    if (!call || !canReadTerritory(actor, call.territoryId ?? ''))
      throw new HttpError(404, 'not_found', 'Appel introuvable');
    const path = callPathSentences(
      await namedPathOf(db, call.callSid),
      { at: call.endedAt, durationSeconds: call.durationSeconds },
      zone,
    );
    const body = html`<dl class="card"><dt>Appelant</dt><dd>${call.callerHidden ? 'masqué' : shownNumber(actor, call.fromNumber)}</dd>
<dt>Début</dt><dd>${fmt(call.startedAt)}</dd><dt>Réponse d’une personne</dt><dd>${fmt(call.connectedAt)}</dd><dt>Durée</dt><dd>${call.durationSeconds === null ? '—' : durationText(call.durationSeconds)}</dd>
<dt>Issue</dt><dd data-testid="outcome">${outcomeOf(call.outcome)}</dd></dl>
<h2 class="fs-110">Parcours</h2><ol class="call-path" data-testid="call-path">${path.map((s) => html`<li>${s.time} ${s.text}</li>`)}</ol>`;
    res.type('html').send(page(`Appel ${call.callSid.slice(0, 10)}…`, actor, body, csrfToken(req)));
  });

  router.get('/callbacks', requireRead('callbacks'), async (req, res) => {
    const actor = req.actor!;
    const rows = await callbacksReadableBy(db, actor, 200);
    const body = scrollingTable(
      'Rappels',
      html`<table><caption class="muted">${rows.length} rappel(s)</caption><thead><tr><th scope="col">Demandé</th><th scope="col">Patient</th><th scope="col">État</th><th scope="col">Essais</th><th scope="col">Échéance</th></tr></thead><tbody>
${rows.map((c) => html`<tr><td>${fmt(c.createdAt)}</td><td>${shownNumber(actor, c.patientNumber)}</td><td>${callbackStates[c.status]}</td><td>${c.attempts}</td><td>${fmt(c.dueBy)}</td></tr>`)}</tbody></table>`,
    );
    res.type('html').send(page('Rappels', actor, body, csrfToken(req)));
  });

  return router;
}
