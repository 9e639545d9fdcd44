import { and, desc, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { auditLog, professionals, services } from '../../db/schema/index.js';

export type AuditRow = typeof auditLog.$inferSelect;

export interface HistoryFilter {
  territoryId: string;
  /** One shift's entries, and those of the swaps of that shift. */
  shiftId?: string;
  entity?: string;
  actor?: string;
  from?: Date;
  to?: Date;
}

function whereOf(f: HistoryFilter): SQL | undefined {
  const ofShift = f.shiftId
    ? or(
        and(eq(auditLog.entity, 'shift'), eq(auditLog.entityId, f.shiftId)),
        and(
          eq(auditLog.entity, 'swap_request'),
          or(
            sql`${auditLog.after}->>'shiftId' = ${f.shiftId}`,
            sql`${auditLog.before}->>'shiftId' = ${f.shiftId}`,
          ),
        ),
      )
    : undefined;
  return and(
    eq(auditLog.territoryId, f.territoryId),
    ofShift,
    f.entity ? eq(auditLog.entity, f.entity) : undefined,
    f.actor ? eq(auditLog.actorLabel, f.actor) : undefined,
    f.from ? gte(auditLog.at, f.from) : undefined,
    f.to ? lt(auditLog.at, f.to) : undefined,
  );
}

/** One page of a territory's audit entries, newest first; `more` when another page follows. */
export async function historyPage(q: Queryable, f: HistoryFilter, page: number, size: number) {
  const rows = await q
    .select()
    .from(auditLog)
    .where(whereOf(f))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(size + 1)
    .offset((page - 1) * size);
  return { rows: rows.slice(0, size), more: rows.length > size };
}

/** What the filters offer: the kinds of entity and the people seen in the territory's history. */
export async function historyFacets(q: Queryable, territoryId: string) {
  const entities = await q
    .selectDistinct({ entity: auditLog.entity })
    .from(auditLog)
    .where(eq(auditLog.territoryId, territoryId))
    .orderBy(auditLog.entity);
  const actors = await q
    .selectDistinct({ label: auditLog.actorLabel })
    .from(auditLog)
    .where(eq(auditLog.territoryId, territoryId))
    .orderBy(auditLog.actorLabel);
  return { entities: entities.map((e) => e.entity), actors: actors.map((a) => a.label) };
}

/** Names of the professionals and services an entry mentions, by id. */
export async function namesOf(q: Queryable, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const people = await q
    .select({ id: professionals.id, name: professionals.name })
    .from(professionals)
    .where(inArray(professionals.id, ids));
  const units = await q
    .select({ id: services.id, name: services.name })
    .from(services)
    .where(inArray(services.id, ids));
  return new Map([...people, ...units].map((r) => [r.id, r.name]));
}
