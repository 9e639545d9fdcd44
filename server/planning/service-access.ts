import { z } from 'zod';
import type { Queryable } from '../../db/client.js';
import { canReadTerritory, type Actor } from '../access/actor.js';
import { forbidden, notFound } from '../platform/http-errors.js';
import { serviceWithTerritory } from './shifts/store.js';

/** A planning range of instants: at most 400 days. */
export const instantRange = z
  .object({
    from: z.coerce.date({ error: 'date de début invalide' }),
    to: z.coerce.date({ error: 'date de fin invalide' }),
  })
  .refine((r) => r.to > r.from && r.to.getTime() - r.from.getTime() <= 400 * 86_400_000, {
    message: 'plage invalide (au plus 400 jours)',
    path: ['to'],
  });

/** A service (with its territory) the actor may read: 404 unknown, 403 another territory's. */
export async function readableService(q: Queryable, actor: Actor, id: string) {
  const row = await serviceWithTerritory(q, z.string().uuid('identifiant invalide').parse(id));
  if (!row) throw notFound('Service');
  if (!canReadTerritory(actor, row.service.territoryId)) throw forbidden();
  return row;
}
