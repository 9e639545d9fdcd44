import { z } from 'zod';
import type { Queryable } from '../../db/client.js';
import { canManageTerritory, type Actor } from '../access/actor.js';
import { forbidden } from '../platform/http-errors.js';
import { visibleServices, type VisibleService } from './rota-pages/feed-load.js';
import { addDays, localDateOf } from '../../rota/calendar/local-date.js';
import { wallClockToInstant } from '../../rota/local-time.js';
import { localDate } from '../platform/params.js';
import { html, type Html } from '../web/html.js';

export type PlanningPage = 'template' | 'overrides' | 'leave' | 'ponts';

const entries: [PlanningPage, string, string][] = [
  ['template', '/rota/template', 'Modèle de garde'],
  ['overrides', '/rota/overrides', 'Remplacements'],
  ['leave', '/rota/leave', 'Congés'],
  ['ponts', '/rota/ponts', 'Ponts'],
];

/** The managers' planning pages, linked from the rota page and from each other. */
export function planningLinks(current?: PlanningPage): Html {
  return html`<nav class="planning-nav" aria-label="Pages de planification"><a href="/rota">Planning</a>${entries.map(
    ([key, href, label]) =>
      key === current
        ? html`<a href="${href}" aria-current="page">${label}</a>`
        : html`<a href="${href}">${label}</a>`,
  )}</nav>`;
}

/** A `YYYY-MM` query value; anything else (a stale bookmark) falls back to the current month. */
export const monthParam = z
  .string()
  .regex(/^\d{4}-\d{2}$/)
  .refine((m) => localDate.safeParse(`${m}-01`).success)
  .optional()
  .catch(undefined);

/** A local month of the zone as instants [start, end), with its neighbours for links. */
export function monthRange(month: string | undefined, now: Date, zone: string) {
  const m = month ?? localDateOf(now, zone).slice(0, 7);
  const first = `${m}-01`;
  const next = addDays(`${m}-28`, 7).slice(0, 7);
  return {
    month: m,
    previous: addDays(first, -1).slice(0, 7),
    next,
    start: wallClockToInstant(first, '00:00', zone),
    end: wallClockToInstant(`${next}-01`, '00:00', zone),
  };
}

/** « mar. 24 nov. 2026, 20:00 » in the territory's zone. */
export const frenchInstant = (zone: string) => {
  const f = new Intl.DateTimeFormat('fr-FR', {
    timeZone: zone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
  return (d: Date) => f.format(d);
};

/**
 * The services whose territory the actor manages, and the one asked for (else the first doctors'
 * service): 403 for someone who manages none (a professional), as the API's writes answer.
 */
export async function managedServiceChoice(db: Queryable, actor: Actor, asked: unknown) {
  const managed = (await visibleServices(db, actor)).filter((v) =>
    canManageTerritory(actor, v.territory.id),
  );
  const chosen =
    managed.find((v) => v.service.id === asked) ??
    managed.find((v) => v.service.kind === 'doctor') ??
    managed[0];
  if (!chosen) throw forbidden('Réservé à la coordination du planning.');
  return { managed, chosen };
}

/** The service picker of a planning page (GET form, so the choice is in the URL). */
export function servicePicker(
  action: string,
  o: { managed: VisibleService[]; chosen: VisibleService; extra?: Html },
): Html {
  return html`<form class="row" method="get" action="${action}"><div><label for="service">Service</label><select id="service" name="service">${o.managed.map((v) => html`<option value="${v.service.id}" ${v.service.id === o.chosen.service.id ? 'selected' : ''}>${v.territory.name} · ${v.service.name}</option>`)}</select></div>${o.extra ?? ''}<button type="submit">Afficher</button></form>`;
}
