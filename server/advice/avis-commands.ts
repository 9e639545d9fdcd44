import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { auditActorOf, canManageTerritory, type Actor } from '../access/actor.js';
import { avisRequests } from '../../db/schema/index.js';
import { smsBody } from '../../ivr-flows/prompts/sms.js';
import { spokenNumber } from '../../ivr-flows/prompts/catalogue.js';
import { recordAudit } from '../platform/audit.js';
import type { AppDeps } from '../platform/deps.js';
import { conflict, forbidden, notFound } from '../platform/http-errors.js';
import { isMobile } from '../platform/phone-numbers.js';
import { queueSms } from '../sms/queue-sms.js';
import { entriesByIds, entryOfProfessional, type DirectoryEntryRow } from './store.js';

export interface NewAvisRequest {
  territory: { id: string; name: string; timeZone: string };
  /** The professionals' line: the SMS come from it. */
  lineNumber: string;
  callSid: string;
  requester: DirectoryEntryRow;
  /** The number the GP called from (texted when their entry has no mobile). */
  from: string;
  specialty: string;
  specialistEntryIds: string[];
  deadlineHours: number;
  now: Date;
}

const lineActor = { userId: null, label: 'ligne des professionnels' };

/** The deadline as a professional reads it, in the territory's time zone. */
export const deadlineText = (deadline: Date, timeZone: string) =>
  format(new TZDate(deadline.getTime(), timeZone), "dd/MM 'à' HH'h'mm");

const nameOf = (e: DirectoryEntryRow) =>
  `${e.civility ?? 'Dr'} ${e.firstName} ${e.lastName}`.replace(/\s+/g, ' ').trim();

/**
 * Stores the avis request of a call (once per call, however often Twilio retries), with its
 * audit entry, in one transaction; then, without waiting, texts the specialists asked and
 * confirms to the GP. Returns the request id: the caller hears "enregistrée" once it is committed.
 */
export async function storeAvisRequest(
  deps: Pick<AppDeps, 'db' | 'jobs' | 'logger'>,
  r: NewAvisRequest,
): Promise<string> {
  const deadline = new Date(r.now.getTime() + r.deadlineHours * 3600_000);
  const { id, created } = await deps.db.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(avisRequests)
      .values({
        territoryId: r.territory.id,
        callSid: r.callSid,
        requesterEntryId: r.requester.id,
        specialtyCode: r.specialty,
        specialistEntryIds: r.specialistEntryIds,
        deadline,
        createdAt: r.now,
      })
      .onConflictDoNothing({ target: avisRequests.callSid })
      .returning({ id: avisRequests.id });
    if (!row) {
      const [existing] = await tx
        .select({ id: avisRequests.id })
        .from(avisRequests)
        .where(eq(avisRequests.callSid, r.callSid));
      return { id: existing!.id, created: false };
    }
    await recordAudit(tx, lineActor, {
      action: 'avis.request',
      entity: 'avis_request',
      entityId: row.id,
      territoryId: r.territory.id,
      after: { specialty: r.specialty, specialists: r.specialistEntryIds, deadline },
    });
    return { id: row.id, created: true };
  });
  // Stored: the GP hears "enregistrée" now; the SMS are queued behind the answer, on a retry too
  // (a first attempt may have committed and then stalled on Redis; the dedupe keys keep each SMS
  // single). A failure is logged by its kind only (no number, no body), never "not recorded".
  void textAvisRequest(deps, r, id, deadline).catch((err: unknown) =>
    deps.logger.error(
      { error: err instanceof Error ? err.name : 'unknown', avisRequestId: id, created },
      'avis request SMS not queued',
    ),
  );
  return id;
}

async function textAvisRequest(
  deps: Pick<AppDeps, 'db' | 'jobs' | 'logger'>,
  r: NewAvisRequest,
  id: string,
  deadline: Date,
): Promise<void> {
  const when = deadlineText(deadline, r.territory.timeZone);
  const gpPhone = r.requester.mobile ?? r.from;
  const sms = {
    territoryId: r.territory.id,
    from: r.lineNumber,
    essential: true,
    callSid: r.callSid,
  };
  for (const specialist of await entriesByIds(deps.db.db, r.specialistEntryIds)) {
    const to =
      specialist.mobile ??
      (specialist.directLine && isMobile(specialist.directLine) ? specialist.directLine : null);
    if (!to) continue;
    const params = {
      territory: r.territory.name,
      from: nameOf(r.requester),
      phone: spokenNumber(gpPhone),
      deadline: when,
    };
    await queueSms(deps, {
      ...sms,
      to,
      kind: 'avis_request',
      body: smsBody('avis_request', 'fr', params),
      dedupeKey: `avis-${id}-${specialist.id}`,
    });
  }
  if (isMobile(gpPhone))
    await queueSms(deps, {
      ...sms,
      to: gpPhone,
      kind: 'avis_confirmation',
      body: smsBody('avis_confirmation', 'fr', { territory: r.territory.name, deadline: when }),
      dedupeKey: `avis-${id}-requester`,
    });
}

/**
 * A request is marked answered by a specialist it was sent to, by the GP who made it, or by a
 * manager of its territory: audited, once.
 */
export async function markAvisAnswered(
  db: Database,
  actor: Actor,
  requestId: string,
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(avisRequests)
      .where(eq(avisRequests.id, requestId))
      .for('update');
    if (!row) throw notFound('Demande d’avis');
    const own = actor.professionalId ? await entryOfProfessional(tx, actor.professionalId) : null;
    const party =
      own && (row.requesterEntryId === own.id || row.specialistEntryIds.includes(own.id));
    if (!party && !canManageTerritory(actor, row.territoryId)) throw forbidden();
    if (row.status === 'answered' || row.status === 'cancelled')
      throw conflict('Cette demande est déjà close.');
    const answeredBy = own && row.specialistEntryIds.includes(own.id) ? own.id : null;
    await tx
      .update(avisRequests)
      .set({ status: 'answered', answeredAt: now, answeredByEntryId: answeredBy })
      .where(eq(avisRequests.id, requestId));
    await recordAudit(tx, auditActorOf(actor), {
      action: 'avis.answered',
      entity: 'avis_request',
      entityId: requestId,
      territoryId: row.territoryId,
      before: { status: row.status },
      after: { status: 'answered', answeredBy },
    });
  });
}
