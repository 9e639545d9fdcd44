import { and, eq, inArray, isNull, lt, notExists, type SQL } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Queryable } from '../../db/client.js';
import {
  auditLog,
  callbackRequests,
  callEvents,
  callRecords,
  consultationBookings,
  regulationFiches,
  sessions,
  smsMessages,
  territories,
} from '../../db/schema/index.js';
import { defaultTerritorySettings } from '../../db/schema/settings.js';
import type { AppDeps } from './deps.js';
import { purgeHospital } from '../hospital/retention.js';

const day = 24 * 3600_000;
const defaults = defaultTerritorySettings.retention;
/** What a patient typed to a line that does not read messages (see sms/webhooks.ts). */
const freeText = and(eq(smsMessages.direction, 'inbound'), eq(smsMessages.kind, 'unknown'));

async function purge(db: Queryable, table: PgTable, where: SQL | undefined): Promise<number> {
  return (await db.delete(table).where(where).returning()).length;
}

/**
 * Deletes what is past each territory's retention periods: fiches de régulation and their
 * addenda, call records and their paths (not while their fiche is kept),
 * callback requests and their attempts and MMG consultation bookings (patients' numbers), SMS (inbound free text sooner),
 * audit entries, hospital stays and ADT messages. Then what belongs to no territory (SMS to an unknown number, by the default
 * periods) and expired web sessions (every anonymous visit to /login writes one).
 */
export async function retentionPurge(deps: Pick<AppDeps, 'db' | 'now'>): Promise<string> {
  const db = deps.db.db;
  const before = (days: number) => new Date(deps.now().getTime() - days * day);
  let purged = 0;
  for (const territory of await db.select().from(territories)) {
    const r = { ...defaults, ...territory.settings.retention };
    const ofTerritory = (column: AnyPgColumn) => eq(column, territory.id);
    // Fiches de régulation (health data) by their own period; their addenda go with them
    // (on delete cascade). First: a call whose fiche is kept is kept with it (the fiche is the
    // call's regulation record, and deleting the call would cascade to it).
    purged += await purge(
      db,
      regulationFiches,
      and(
        ofTerritory(regulationFiches.territoryId),
        lt(
          regulationFiches.createdAt,
          before(r.regulationFichesDays ?? defaults.regulationFichesDays!),
        ),
      ),
    );
    const keptFiche = db
      .select({ id: regulationFiches.id })
      .from(regulationFiches)
      .where(eq(regulationFiches.callId, callRecords.id));
    const old = await db
      .select({ sid: callRecords.callSid })
      .from(callRecords)
      .where(
        and(
          ofTerritory(callRecords.territoryId),
          lt(callRecords.startedAt, before(r.callRecordsDays)),
          notExists(keptFiche),
        ),
      );
    const sids = old.map((o) => o.sid);
    if (sids.length > 0) {
      await db.delete(callEvents).where(inArray(callEvents.callSid, sids));
      purged += await purge(db, callRecords, inArray(callRecords.callSid, sids));
    }
    // Attempts go with their request (on delete cascade).
    purged += await purge(
      db,
      callbackRequests,
      and(
        ofTerritory(callbackRequests.territoryId),
        lt(callbackRequests.createdAt, before(r.callRecordsDays)),
      ),
    );
    // MMG consultations carry the patient's number: kept as long as the calls they came from.
    purged += await purge(
      db,
      consultationBookings,
      and(
        ofTerritory(consultationBookings.territoryId),
        lt(consultationBookings.slotStartsAt, before(r.callRecordsDays)),
      ),
    );
    const sms = ofTerritory(smsMessages.territoryId);
    purged += await purge(db, smsMessages, and(sms, lt(smsMessages.createdAt, before(r.smsDays))));
    purged += await purge(
      db,
      smsMessages,
      and(sms, freeText, lt(smsMessages.createdAt, before(r.inboundFreeTextDays!))),
    );
    purged += await purge(
      db,
      auditLog,
      and(ofTerritory(auditLog.territoryId), lt(auditLog.at, before(r.auditDays))),
    );
    // Stays (movements, notices, return-home items) and ADT messages, after discharge or cancel.
    purged += await purgeHospital(db, territory.id, before(r.hospitalDays!));
  }
  purged += await purgeHospital(db, null, before(defaults.hospitalDays!));
  const noTerritory = isNull(smsMessages.territoryId);
  purged += await purge(
    db,
    smsMessages,
    and(noTerritory, lt(smsMessages.createdAt, before(defaults.smsDays))),
  );
  purged += await purge(
    db,
    smsMessages,
    and(
      noTerritory,
      eq(smsMessages.direction, 'inbound'),
      lt(smsMessages.createdAt, before(defaults.inboundFreeTextDays!)),
    ),
  );
  const sessionsPurged = await purge(db, sessions, lt(sessions.expire, deps.now()));
  return `purged ${purged}, expired sessions ${sessionsPurged}`;
}
