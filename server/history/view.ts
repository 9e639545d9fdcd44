import { html, type Html } from '../web/html.js';
import { scrollingTable } from '../web/layout.js';
import { actionLabels, changesOf, entityLabels, fieldLabels } from './changes.js';
import type { AuditRow } from './store.js';

export interface HistoryView {
  rows: AuditRow[];
  more: boolean;
  page: number;
  filters: {
    territory: string;
    entity?: string | undefined;
    actor?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
  };
  facets: { entities: string[]; actors: string[] };
  territories: { id: string; name: string }[];
  /** The page's own path (the filter form posts back to it). */
  action: string;
  names: Map<string, string>;
  /** The territory's time zone: every time is shown as its people read their clocks. */
  timeZone: string;
}

const localTime = (d: Date, timeZone: string) =>
  new Intl.DateTimeFormat('fr-FR', { timeZone, dateStyle: 'short', timeStyle: 'short' }).format(d);

const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** One value as a person reads it: a name for an id, a local time for an instant. */
function shown(value: unknown, names: Map<string, string>, timeZone: string): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string' && names.has(value)) return names.get(value)!;
  if (typeof value === 'string' && isoInstant.test(value))
    return localTime(new Date(value), timeZone);
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  return String(value);
}

/** The history table, its filters and its pages. */
export function historyBody(v: HistoryView): Html {
  const f = v.filters;
  const link = (page: number) =>
    `${v.action}?${new URLSearchParams(
      Object.entries({ ...f, page: String(page) }).filter(
        (e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '',
      ),
    ).toString()}`;
  const option = (value: string, label: string, current?: string) =>
    html`<option value="${value}"${value === (current ?? '') ? html` selected` : ''}>${label}</option>`;
  const filters = html`<form method="get" action="${v.action}" class="history-filters">
${v.territories.length > 1 ? html`<label for="h-territory">Territoire</label><select id="h-territory" name="territory">${v.territories.map((t) => option(t.id, t.name, f.territory))}</select>` : ''}
<label for="h-entity">Élément</label><select id="h-entity" name="entity">${option('', 'tous', f.entity)}${v.facets.entities.map((e) => option(e, entityLabels[e] ?? e, f.entity))}</select>
<label for="h-actor">Par</label><select id="h-actor" name="actor">${option('', 'tout le monde', f.actor)}${v.facets.actors.map((a) => option(a, a, f.actor))}</select>
<label for="h-from">Du</label><input id="h-from" name="from" type="date" value="${f.from ?? ''}">
<label for="h-to">Au</label><input id="h-to" name="to" type="date" value="${f.to ?? ''}">
<button type="submit">Filtrer</button></form>`;
  const rows = v.rows.map((r) => {
    const changes = changesOf(r.before, r.after);
    return html`<tr><td>${localTime(r.at, v.timeZone)}</td><td>${r.actorLabel}</td><td>${actionLabels[r.action] ?? r.action}</td><td>${entityLabels[r.entity] ?? r.entity}</td><td><ul class="changes">${changes.map(
      (c) =>
        html`<li><span class="field">${fieldLabels[c.field]}</span> : <del>${shown(c.before, v.names, v.timeZone)}</del> → <ins>${shown(c.after, v.names, v.timeZone)}</ins></li>`,
    )}</ul></td></tr>`;
  });
  const pager = html`<nav class="pager" aria-label="Pages">${v.page > 1 ? html`<a href="${link(v.page - 1)}" rel="prev">Plus récentes</a>` : ''} <span>Page ${v.page}</span> ${v.more ? html`<a href="${link(v.page + 1)}" rel="next">Plus anciennes</a>` : ''}</nav>`;
  return html`${filters}
${scrollingTable('Historique', html`<table class="history"><thead><tr><th scope="col">Quand</th><th scope="col">Qui</th><th scope="col">Quoi</th><th scope="col">Élément</th><th scope="col">Avant → après</th></tr></thead><tbody>${rows}</tbody></table>`)}
${v.rows.length === 0 ? html`<p>Aucune modification pour ces filtres.</p>` : ''}${pager}`;
}
