import { Router } from 'express';
import type { CalendarEvent } from '../../../rota/ical.js';
import type { AppDeps } from '../../platform/deps.js';
import { IcalFeedCache } from './cache.js';
import { professionalFeedEvents, serviceFeedEvents } from './feed-events.js';
import { professionalByIcalToken, serviceByIcalToken } from './store.js';

const horizonMs = 400 * 86_400_000;

/**
 * iCal feeds at secret-token URLs (the token is the credential, as calendar apps cannot log in):
 * /ical/professional/:token.ics (their shifts), /ical/service/:token.ics (everyone's).
 */
/** Feed tokens are base64url; anything else (a NUL byte, a path) is an unknown feed, not a query. */
const tokenShaped = (token: string) => /^[A-Za-z0-9_-]{8,128}$/.test(token);

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
  // Two months back (calendar apps keep what they saw) to the horizon ahead.
  const window = () => ({
    since: new Date(deps.now().getTime() - 60 * 86_400_000),
    until: new Date(deps.now().getTime() + horizonMs),
  });

  router.get('/ical/professional/:token.ics', async (req, res) => {
    const person = tokenShaped(req.params.token)
      ? await professionalByIcalToken(db, req.params.token)
      : null;
    if (!person) return void res.status(404).type('text/plain').send('Flux inconnu');
    const events = await professionalFeedEvents(db, person.p.id, window());
    send(res, `professional:${person.p.id}`, `Gardes · ${person.p.name}`, person.zone, events);
  });

  router.get('/ical/service/:token.ics', async (req, res) => {
    const service = tokenShaped(req.params.token)
      ? await serviceByIcalToken(db, req.params.token)
      : null;
    if (!service) return void res.status(404).type('text/plain').send('Flux inconnu');
    const events = await serviceFeedEvents(db, service.s.id, window());
    send(res, `service:${service.s.id}`, service.s.name, service.zone, events);
  });
  return router;
}
