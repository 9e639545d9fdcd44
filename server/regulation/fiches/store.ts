import {
  and,
  asc,
  count,
  desc,
  eq,
  gt,
  isNotNull,
  isNull,
  lt,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import type { Queryable } from '../../../db/client.js';
import {
  callEvents,
  callRecords,
  ficheAddenda,
  professionals,
  regulationFiches,
  territories,
} from '../../../db/schema/index.js';

export type FicheRow = typeof regulationFiches.$inferSelect;

/** How long a call without an end is taken for a live one. */
const liveForMs = 12 * 3600_000;

const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A call named in a URL: its record's id, or Twilio's CallSid. */
const callNamed = (ref: string): SQL =>
  uuidShape.test(ref) ? eq(callRecords.id, ref) : eq(callRecords.callSid, ref);

const callColumns = {
  id: callRecords.id,
  callSid: callRecords.callSid,
  startedAt: callRecords.startedAt,
  endedAt: callRecords.endedAt,
  toNumber: callRecords.toNumber,
  connectedProfessionalId: callRecords.connectedProfessionalId,
};

/**
 * Who took a call still going on: the professional of the ring its screening accepted (the record
 * names them only once the Dial ends). Lets the régulateur open the page during the call, to hand
 * the patient to the 15.
 */
const liveRegulator = sql<string | null>`(
  select r.professional_id from ${callEvents} a
  join ${callEvents} r on r.call_sid = a.call_sid and r.kind = 'ring'
    and r.detail->>'attempt' = a.detail->>'attempt'
  where a.call_sid = ${callRecords.callSid} and a.kind = 'accepted' and r.professional_id is not null
  order by a.at desc limit 1)`;

/** A call with its fiche (if opened), territory and régulateur: what the fiche page shows. */
async function callWithFicheWhere(db: Queryable, where: SQL) {
  const [row] = await db
    .select({
      call: callColumns,
      liveRegulatorId: liveRegulator,
      fiche: regulationFiches,
      territory: { id: territories.id, name: territories.name, timeZone: territories.timeZone },
      regulator: { id: professionals.id, name: professionals.name, mobile: professionals.mobile },
    })
    .from(callRecords)
    .innerJoin(territories, eq(territories.id, callRecords.territoryId))
    .leftJoin(regulationFiches, eq(regulationFiches.callId, callRecords.id))
    .leftJoin(
      professionals,
      eq(
        professionals.id,
        sql`coalesce(${regulationFiches.regulatorId}, ${callRecords.connectedProfessionalId}, ${liveRegulator})`,
      ),
    )
    .where(where)
    .limit(1);
  return row ?? null;
}
export type CallWithFiche = NonNullable<Awaited<ReturnType<typeof callWithFicheWhere>>>;

export const callWithFiche = (db: Queryable, callRef: string) =>
  callWithFicheWhere(db, callNamed(callRef));

export const ficheById = (db: Queryable, ficheId: string) =>
  callWithFicheWhere(db, eq(regulationFiches.id, ficheId));

export const ficheOfCallSid = (db: Queryable, callSid: string) =>
  callWithFicheWhere(db, and(eq(callRecords.callSid, callSid), isNotNull(regulationFiches.id))!);

/** The fiche, locked for the write that follows (one writer at a time). */
export async function ficheForUpdate(db: Queryable, ficheId: string): Promise<FicheRow | null> {
  const [row] = await db
    .select()
    .from(regulationFiches)
    .where(eq(regulationFiches.id, ficheId))
    .for('update');
  return row ?? null;
}

export async function callStartOf(db: Queryable, callId: string): Promise<Date | null> {
  const [row] = await db
    .select({ startedAt: callRecords.startedAt })
    .from(callRecords)
    .where(eq(callRecords.id, callId));
  return row?.startedAt ?? null;
}

/**
 * Opens the empty fiche of a call a régulateur took, once the call has ended: a professional
 * answered, in a territory whose line is its own regulation platform. Idempotent (one fiche per
 * call), whatever order the call's end and its connection arrive in. Returns the new fiche's id,
 * or null (not such a call, or the fiche already exists).
 */
export async function openFicheOfCall(
  db: Queryable,
  callSid: string,
  at: Date,
): Promise<{ id: string; territoryId: string } | null> {
  const rows = await db.execute<{ id: string; territory_id: string }>(sql`
    insert into ${regulationFiches} (call_id, territory_id, regulator_id, created_at, updated_at)
    select c.id, c.territory_id, c.connected_professional_id, ${at.toISOString()}::timestamptz, ${at.toISOString()}::timestamptz
    from ${callRecords} c join ${territories} t on t.id = c.territory_id
    where c.call_sid = ${callSid} and c.ended_at is not null
      and c.connected_professional_id is not null and t.regulation_mode = 'plateforme'
    on conflict (call_id) do nothing
    returning id, territory_id`);
  const row = rows[0];
  return row ? { id: row.id, territoryId: row.territory_id } : null;
}

export async function addendaOf(db: Queryable, ficheId: string) {
  return db
    .select({
      id: ficheAddenda.id,
      text: ficheAddenda.text,
      createdAt: ficheAddenda.createdAt,
      author: professionals.name,
    })
    .from(ficheAddenda)
    .innerJoin(professionals, eq(professionals.id, ficheAddenda.authorId))
    .where(eq(ficheAddenda.ficheId, ficheId))
    .orderBy(asc(ficheAddenda.createdAt));
}
export type AddendumRow = Awaited<ReturnType<typeof addendaOf>>[number];

/**
 * "Mes appels": the calls a professional regulated (a fiche), and those they are on now, newest
 * first, with the territory's time zone for display.
 */
export async function regulatedCallsOf(
  db: Queryable,
  professionalId: string,
  now: Date,
  limit = 100,
) {
  // A record left "in progress" (its status callback lost) is not a live call after a night.
  const live = and(
    isNull(callRecords.endedAt),
    gt(callRecords.startedAt, new Date(now.getTime() - liveForMs)),
    eq(territories.regulationMode, 'plateforme'),
  );
  return db
    .select({
      callId: callRecords.id,
      startedAt: callRecords.startedAt,
      endedAt: callRecords.endedAt,
      territory: territories.name,
      timeZone: territories.timeZone,
      ficheId: regulationFiches.id,
      completedAt: regulationFiches.completedAt,
    })
    .from(callRecords)
    .innerJoin(territories, eq(territories.id, callRecords.territoryId))
    .leftJoin(regulationFiches, eq(regulationFiches.callId, callRecords.id))
    .where(
      or(
        eq(regulationFiches.regulatorId, professionalId),
        and(live, eq(callRecords.connectedProfessionalId, professionalId)),
        and(live, sql`${liveRegulator} = ${professionalId}`),
      ),
    )
    .orderBy(desc(callRecords.startedAt))
    .limit(limit);
}

/**
 * The manager's list: fiches of the territory still unfinished, opened before `openedBefore`.
 * No health data: the doctor's name and the call's time only.
 */
export async function unfinishedFichesOf(
  db: Queryable,
  territoryId: string,
  openedBefore: Date,
  limit = 50,
) {
  const where = and(
    eq(regulationFiches.territoryId, territoryId),
    isNull(regulationFiches.completedAt),
    lt(regulationFiches.createdAt, openedBefore),
  );
  const rows = await db
    .select({
      callId: regulationFiches.callId,
      callAt: callRecords.startedAt,
      doctor: professionals.name,
    })
    .from(regulationFiches)
    .innerJoin(callRecords, eq(callRecords.id, regulationFiches.callId))
    .innerJoin(professionals, eq(professionals.id, regulationFiches.regulatorId))
    .where(where)
    .orderBy(desc(callRecords.startedAt))
    .limit(limit);
  const [total] = await db.select({ n: count() }).from(regulationFiches).where(where);
  return { total: total?.n ?? 0, rows };
}
