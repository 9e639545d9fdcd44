import type { Queryable } from '../../db/client.js';
import { canReadTerritory, type Actor } from '../access/actor.js';
import { notFound } from '../platform/http-errors.js';
import { instantRange as sharedInstantRange, uuidParam } from '../platform/params.js';
import { serviceWithTerritory } from './shifts/store.js';

/** A planning range of instants: at most 400 days (the shared rules of platform/params.ts). */
export const instantRange = sharedInstantRange(400);

/** A service (with its territory) the actor may read: 404 when unknown or another territory's (alike). */
export async function readableService(q: Queryable, actor: Actor, id: unknown) {
  const row = await serviceWithTerritory(q, uuidParam.parse(id));
  if (!row || !canReadTerritory(actor, row.service.territoryId)) throw notFound('Service');
  return row;
}
