import { and, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import {
  callbackRequests,
  callEvents,
  callRecords,
  professionals,
  services,
  shifts,
  territories,
} from '../../db/schema/index.js';
import { readableTerritories, type Actor } from '../access/actor.js';
import type { CallTimeline, PathEvent } from './call-timeline.js';
import type { NamedEvent } from './call-path.js';

export type CallRow = typeof callRecords.$inferSelect;
export type CallEventRow = typeof callEvents.$inferSelect;
export type CallOutcome = NonNullable<CallRow['outcome']>;

/** What the call log is narrowed to: an outcome, and calls started in [since, until). */
export interface CallLogFilter {
  outcome?: CallOutcome;
  since?: Date;
  until?: Date;
}

/** The latest calls of the territories the actor reads, newest first. */
export function callLogPage(
  db: Queryable,
  actor: Actor,
  filter: CallLogFilter,
  limit: number,
): Promise<CallRow[]> {
  const where: (SQL | undefined)[] = [readableTerritories(actor, callRecords.territoryId)];
  if (filter.outcome) where.push(eq(callRecords.outcome, filter.outcome));
  if (filter.since) where.push(gte(callRecords.startedAt, filter.since));
  if (filter.until) where.push(lt(callRecords.startedAt, filter.until));
  return db
    .select()
    .from(callRecords)
    .where(and(...where))
    .orderBy(desc(callRecords.startedAt))
    .limit(limit);
}

export async function callBySid(db: Queryable, callSid: string): Promise<CallRow | null> {
  const [row] = await db.select().from(callRecords).where(eq(callRecords.callSid, callSid));
  return row ?? null;
}

/** One call's path, in order, with the name of the professional each event concerns. */
export function callPathOf(
  db: Queryable,
  callSid: string,
): Promise<{ event: CallEventRow; professionalName: string | null }[]> {
  return db
    .select({ event: callEvents, professionalName: professionals.name })
    .from(callEvents)
    .leftJoin(professionals, eq(professionals.id, callEvents.professionalId))
    .where(eq(callEvents.callSid, callSid))
    .orderBy(callEvents.at, callEvents.id);
}

/** The same path, as the sentences of call-path.ts read it. */
export async function namedPathOf(db: Queryable, callSid: string): Promise<NamedEvent[]> {
  return (await callPathOf(db, callSid)).map(({ event: e, professionalName }) => ({
    at: e.at,
    kind: e.kind,
    node: e.node,
    detail: e.detail,
    professionalName,
  }));
}

/** The territories on the actor's dashboard, by name. */
export function dashboardTerritories(db: Queryable, actor: Actor) {
  return db
    .select()
    .from(territories)
    .where(readableTerritories(actor, territories.id))
    .orderBy(territories.name);
}

/** Each call of a territory started in [since, until), with its path in order (the dashboard's timelines). */
export async function callTimelinesOfTerritoryBetween(
  db: Queryable,
  territoryId: string,
  since: Date,
  until: Date,
): Promise<CallTimeline[]> {
  const inRange = and(
    eq(callRecords.territoryId, territoryId),
    gte(callRecords.startedAt, since),
    lt(callRecords.startedAt, until),
  );
  const records = await db
    .select({
      callSid: callRecords.callSid,
      startedAt: callRecords.startedAt,
      connectedAt: callRecords.connectedAt,
      outcome: callRecords.outcome,
    })
    .from(callRecords)
    .where(inRange);
  const events = await db
    .select({
      callSid: callEvents.callSid,
      at: callEvents.at,
      kind: callEvents.kind,
      node: callEvents.node,
      detail: callEvents.detail,
    })
    .from(callEvents)
    .innerJoin(callRecords, eq(callRecords.callSid, callEvents.callSid))
    .where(inRange)
    .orderBy(callEvents.at, callEvents.id);
  const paths = new Map<string, PathEvent[]>(records.map((r) => [r.callSid, []]));
  for (const { callSid, ...event } of events) paths.get(callSid)?.push(event);
  return records.map(({ callSid, ...r }) => ({ ...r, events: paths.get(callSid) ?? [] }));
}

/** The state and deadline of each callback of a territory requested in [since, until). */
export function callbacksOfTerritoryBetween(
  db: Queryable,
  territoryId: string,
  since: Date,
  until: Date,
) {
  return db
    .select({
      createdAt: callbackRequests.createdAt,
      status: callbackRequests.status,
      dueBy: callbackRequests.dueBy,
      completedAt: callbackRequests.completedAt,
    })
    .from(callbackRequests)
    .where(
      and(
        eq(callbackRequests.territoryId, territoryId),
        gte(callbackRequests.createdAt, since),
        lt(callbackRequests.createdAt, until),
      ),
    );
}

/** Active shifts of every service of a territory starting in [from, to). */
export async function activeShiftsOfTerritory(
  db: Queryable,
  territoryId: string,
  from: Date,
  to: Date,
): Promise<(typeof shifts.$inferSelect)[]> {
  const rows = await db
    .select({ s: shifts })
    .from(shifts)
    .innerJoin(services, eq(services.id, shifts.serviceId))
    .where(
      and(
        eq(services.territoryId, territoryId),
        eq(shifts.status, 'active'),
        gte(shifts.startsAt, from),
        lt(shifts.startsAt, to),
      ),
    );
  return rows.map((r) => r.s);
}

/** Names of the professionals of a territory, by id. */
export async function professionalNamesOf(
  db: Queryable,
  territoryId: string,
): Promise<Map<string, string>> {
  const rows = await db
    .select({ id: professionals.id, name: professionals.name })
    .from(professionals)
    .where(eq(professionals.territoryId, territoryId));
  return new Map(rows.map((p) => [p.id, p.name]));
}
