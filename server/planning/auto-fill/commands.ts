import { localDateOf } from '../../../rota/calendar/local-date.js';
import { canManageTerritory, canReadTerritory, type Actor } from '../../access/actor.js';
import { badRequest, forbidden, notFound } from '../../platform/http-errors.js';
import { managerWriter, writeShifts, type ShiftDeps } from '../shifts/commands.js';
import { serviceWithTerritory } from '../shifts/store.js';
import {
  assignmentsOf,
  defaultLimits,
  proposeForService,
  type Assignment,
  type AutoFillLimits,
} from './proposal.js';

export interface AcceptRequest {
  /** Local dates of the proposal reviewed; by default the span of the assignments sent. */
  from?: string;
  to?: string;
  limits?: AutoFillLimits;
  /** What the manager accepts; every assignment of the proposal when left out. */
  assignments?: Pick<Assignment, 'startsAt' | 'endsAt' | 'level' | 'professionalId'>[];
}

const keyOf = (a: Pick<Assignment, 'startsAt' | 'endsAt' | 'level' | 'professionalId'>) =>
  `${a.startsAt.getTime()}|${a.endsAt.getTime()}|${a.level}|${a.professionalId}`;

/** A service the actor may manage, as a write sees it: 404 for another territory's. */
export async function managedService(deps: ShiftDeps, actor: Actor, serviceId: string) {
  const row = await serviceWithTerritory(deps.db.db, serviceId);
  if (!row || !canReadTerritory(actor, row.territory.id)) throw notFound('Service');
  if (!canManageTerritory(actor, row.territory.id)) throw forbidden();
  return row;
}

/**
 * Accepts an auto-fill proposal: the server proposes again on current data (the engine is
 * deterministic) and takes only assignments of its own proposal, each written through the shift
 * rules in one transaction. Anything else (another territory's professional, the same assignment
 * twice, a level or times no slot has) is refused whole. Returns the new shift ids.
 */
export async function acceptAutoFill(
  deps: ShiftDeps,
  actor: Actor,
  serviceId: string,
  request: AcceptRequest,
): Promise<string[]> {
  const { service, territory } = await managedService(deps, actor, serviceId);
  const sent = request.assignments;
  const starts = (sent ?? []).map((a) => a.startsAt.getTime());
  const from = request.from ?? localDateOf(new Date(Math.min(...starts)), territory.timeZone);
  const to = request.to ?? localDateOf(new Date(Math.max(...starts)), territory.timeZone);
  if (sent && new Set(sent.map(keyOf)).size !== sent.length)
    throw badRequest('La même affectation est envoyée deux fois. The same assignment twice.', {
      assignments: 'duplicate',
    });
  return writeShifts(deps, async (session) => {
    const proposed = assignmentsOf(
      await proposeForService(
        session.tx,
        service,
        territory,
        from,
        to,
        request.limits ?? defaultLimits,
      ),
    );
    const byKey = new Map(proposed.map((a) => [keyOf(a), a]));
    const chosen = sent
      ? sent.map((a, i) => {
          const own = byKey.get(keyOf(a));
          if (!own)
            throw badRequest(
              `Affectation ${i + 1} absente de la proposition actuelle. Not in the current proposal.`,
              { [`assignments.${i}`]: 'not proposed' },
            );
          return own;
        })
      : proposed;
    const ids: string[] = [];
    for (const a of chosen) {
      const written = await session.write(managerWriter(actor), {
        serviceId: service.id,
        professionalId: a.professionalId,
        level: a.level,
        time: { startsAt: a.startsAt.toISOString(), endsAt: a.endsAt.toISOString() },
        kind: a.kind,
        action: 'auto-fill.accept',
      });
      ids.push(written.id);
    }
    return ids;
  });
}
