import { Html, html } from '../../web/html.js';
import type { RotaEvent } from './feed-events.js';

const dayFormat = (zone: string) =>
  new Intl.DateTimeFormat('fr-FR', {
    timeZone: zone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
  });
const timeFormat = (zone: string) =>
  new Intl.DateTimeFormat('fr-FR', { timeZone: zone, hour: '2-digit', minute: '2-digit' });

/**
 * The month's events as a plain table: the calendar's fallback without JavaScript, and a view
 * screen readers walk more easily. Same events as the feed, so the two never disagree.
 */
export function rotaListView(
  feed: { events: RotaEvent[]; gaps: unknown[] },
  zone: string,
  month: string,
): Html {
  const day = dayFormat(zone);
  const time = timeFormat(zone);
  const rows = feed.events
    .filter((e) => e.start.slice(0, 7) === month)
    // Days off first within a day, then by start: "13 juil. · Fête nationale" heads its night.
    .sort(
      (a, b) =>
        a.start.slice(0, 10).localeCompare(b.start.slice(0, 10)) ||
        Number(!a.allDay) - Number(!b.allDay) ||
        Date.parse(a.start) - Date.parse(b.start),
    );
  const label = (e: RotaEvent) => (e.url ? html`<a href="${e.url}">${e.title}</a>` : e.title);
  const row = (e: RotaEvent) => {
    const kind = e.extendedProps.kind;
    if (e.allDay)
      return html`<tr class="holiday"><td>${day.format(new Date(`${e.start}T12:00:00Z`))}</td><td>toute la journée</td><td class="holiday">${e.title}</td></tr>`;
    const red = kind === 'gap' || kind === 'open-shift';
    const attrs = red
      ? html`class="gap" data-gap="${kind === 'gap' ? 'uncovered' : 'open-shift'}"`
      : e.extendedProps.mine
        ? html`class="rota-mine" data-mine="true"`
        : '';
    return html`<tr ${attrs}><td>${day.format(new Date(e.start))}</td><td>${time.format(new Date(e.start))}–${time.format(new Date(e.end))}</td><td>${label(e)}</td></tr>`;
  };
  return html`<p>${feed.gaps.length} trou(s) de garde ce mois.</p>
<table aria-label="Planning du mois ${month}"><thead><tr><th scope="col">Jour</th><th scope="col">Horaires</th><th scope="col">Garde</th></tr></thead>
<tbody>${rows.length ? rows.map(row) : html`<tr><td colspan="3">Aucune garde ce mois.</td></tr>`}</tbody></table>`;
}
