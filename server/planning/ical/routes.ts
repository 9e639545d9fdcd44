import { Router } from 'express';
import { and, asc, eq, gt } from 'drizzle-orm';
import { professionals, services, shifts, territories } from '../../../db/schema/index.js';
import type { CalendarEvent } from '../../../rota/ical.js';
import type { AppDeps } from '../../platform/deps.js';
import { IcalFeedCache } from './cache.js';

const horizonMs = 400 * 86_400_000;

/**
 * iCal feeds at secret-token URLs (the token is the credential, as calendar apps cannot log in):
 * /ical/professional/:token.ics (their shifts), /ical/service/:token.ics (everyone's).
 */
export function icalRouter(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.db;
  const feeds = new IcalFeedCache();
  const send = (
    res: Parameters<Parameters<Router['get']>[1]>[1],
    key: string,
    name: string,
    zone: string,
    events: CalendarEvent[],
  ) =>
    res
      .type('text/calendar; charset=utf-8')
      .set('Cache-Control', 'private, max-age=300')
      .send(feeds.render(key, name, zone, events, deps.now()));
  const since = () => new Date(deps.now().getTime() - 60 * 86_400_000);
  const until = () => new Date(deps.now().getTime() + horizonMs);

  router.get('/ical/professional/:token.ics', async (req, res) => {
    const [person] = await db
      .select({ p: professionals, zone: territories.timeZone })
      .from(professionals)
      .innerJoin(territories, eq(territories.id, professionals.territoryId))
      .where(eq(professionals.icalToken, req.params.token));
    if (!person) return void res.status(404).type('text/plain').send('Flux inconnu');
    const rows = await db
      .select({ s: shifts, service: services.name })
      .from(shifts)
      .innerJoin(services, eq(services.id, shifts.serviceId))
      .where(
        and(
          eq(shifts.professionalId, person.p.id),
          eq(shifts.status, 'active'),
          gt(shifts.endsAt, since()),
        ),
      )
      .orderBy(asc(shifts.startsAt));
    send(
      res,
      `professional:${person.p.id}`,
      `Gardes · ${person.p.name}`,
      person.zone,
      rows
        .filter((r) => r.s.startsAt < until())
        .map((r) => ({
          uid: `${r.s.id}@gardeline`,
          start: r.s.startsAt,
          end: r.s.endsAt,
          summary: `Garde ${r.service}${r.s.level > 1 ? ` (renfort ${r.s.level})` : ''}`,
          sequence: r.s.version,
        })),
    );
  });

  router.get('/ical/service/:token.ics', async (req, res) => {
    const [service] = await db
      .select({ s: services, zone: territories.timeZone })
      .from(services)
      .innerJoin(territories, eq(territories.id, services.territoryId))
      .where(eq(services.icalToken, req.params.token));
    if (!service) return void res.status(404).type('text/plain').send('Flux inconnu');
    const rows = await db
      .select({ s: shifts, name: professionals.name })
      .from(shifts)
      .leftJoin(professionals, eq(professionals.id, shifts.professionalId))
      .where(
        and(
          eq(shifts.serviceId, service.s.id),
          eq(shifts.status, 'active'),
          gt(shifts.endsAt, since()),
        ),
      )
      .orderBy(asc(shifts.startsAt));
    send(
      res,
      `service:${service.s.id}`,
      service.s.name,
      service.zone,
      rows
        .filter((r) => r.s.startsAt < until())
        .map((r) => ({
          uid: `${r.s.id}@gardeline`,
          start: r.s.startsAt,
          end: r.s.endsAt,
          summary: `N${r.s.level} · ${r.name ?? 'À POURVOIR'}`,
          sequence: r.s.version,
        })),
    );
  });
  return router;
}
